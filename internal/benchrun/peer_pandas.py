#!/usr/bin/python3
"""The peer of make bench (a copy of the shared benchmark reference of issue 14):
what a controller-analyst would write instead of camcost: pandas + openpyxl, floats,
METHOD.md stages 1-3 with the 'diretto' method and FTE for every support tema.

usage: peer_pandas.py MAP_NODES_CSV INPUT_DIR OUT_DIR
Writes OUT_DIR/costs.csv (code,fte,full per regular servizio) and OUT_DIR/costi.xlsx.
"""
import os, sys
import pandas as pd

nodes_csv, d, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
nodes = pd.read_csv(nodes_csv, dtype=str).fillna("")
bookable = nodes[(nodes.level == "servizio") | (nodes.kind == "coordinamento")][["code", "level", "kind", "parent"]]
COST = ["personale", "funzionamento", "interventi_economici", "ammortamenti_accantonamenti"]

staff = pd.read_csv(f"{d}/personale.csv", dtype={"matricola": str, "unita": str})
staff["fte_e"] = staff.fte * staff.mesi / 12
pay = pd.read_csv(f"{d}/retribuzioni.csv", dtype={"matricola": str}).groupby("matricola").importo.sum().rename("pay")
t = pd.read_csv(f"{d}/tempi.csv", dtype={"matricola": str, "codice": str})
t = t.merge(staff[["matricola", "fte_e", "unita"]], on="matricola").merge(pay, on="matricola", how="left").fillna({"pay": 0})
t["F"] = t.fte_e * t.percentuale / 100
t["K"] = t.pay * t.percentuale / 100
F = t.groupby("codice").F.sum()
K = t.groupby("codice").K.sum()
FU = t.groupby(["unita", "codice"]).F.sum()

# all bookable nodes under each code (for destinations above servizio level)
parent = dict(zip(nodes.code, nodes.parent))
def ancestors(c):
    while c:
        yield c
        c = parent.get(c, "")
anc = pd.DataFrame([(a, c) for c in bookable.code for a in ancestors(c)], columns=["anc", "codice"])
anc["F"] = anc.codice.map(F).fillna(0)

drv = pd.read_csv(f"{d}/driver.csv", dtype=str)
drv["quantita"] = drv.quantita.astype(float)

def spread_fte(code):
    a = anc[anc.anc == code]
    return a.set_index("codice").F / a.F.sum()

def resolve(name):
    parts = []
    for _, r in drv[drv.driver == name].iterrows():
        if r.codice.startswith("unita:"):
            u = FU.loc[r.codice[6:]]
            parts.append(u / u.sum() * r.quantita)
        elif r.codice in set(bookable.code):
            parts.append(pd.Series({r.codice: r.quantita}))
        else:
            parts.append(spread_fte(r.codice) * r.quantita)
    return pd.concat(parts).groupby(level=0).sum()

led = pd.read_csv(f"{d}/contabilita.csv", dtype=str).fillna("")
led["importo"] = led.importo.astype(float)
led = led[led.voce.isin(COST)]
total = led.importo.sum()
keys = {}
rows = []
for _, r in led.iterrows():
    if r.destinazione.startswith("unita:"):
        w = FU.loc[r.destinazione[6:]]
    elif r.destinazione:
        w = pd.Series({r.destinazione: 1.0}) if r.destinazione in set(bookable.code) else spread_fte(r.destinazione)
    elif r.driver and r.driver not in ("fte", "personale"):
        w = keys.setdefault(r.driver, resolve(r.driver))
    elif r.driver == "personale" or (not r.driver and r.voce == "personale"):
        w = K
    else:
        w = F
    rows.append(w / w.sum() * r.importo)
cost = pd.concat(rows).groupby(level=0).sum().reindex(bookable.code, fill_value=0.0)

# stage 2
info = bookable.set_index("code")
regular = info[(info.level == "servizio") & (info.kind == "regular")].copy()
regular["funzione"] = regular.parent
regular["tema"] = regular.parent.map(parent)
regular["F"] = regular.index.map(F).fillna(0)
for c in info.index[info.kind != "regular"]:
    if cost[c] == 0:
        continue
    col = "funzione" if info.at[c, "kind"] == "formazione" else "tema"
    tg = regular[regular[col] == info.at[c, "parent"]]
    cost.loc[tg.index] += cost[c] * tg.F / tg.F.sum()
    cost[c] = 0.0

# stage 3, diretto
sup = regular[regular.index.str[0].isin(["A", "B"])]
rec = regular[~regular.index.str[0].isin(["A", "B"])]
moved = cost[sup.index].sum()
cost.loc[rec.index] += moved * rec.F / rec.F.sum()
cost[sup.index] = 0.0

res = pd.DataFrame({"code": regular.index, "fte": regular.F.round(4).values, "full": cost[regular.index].round(2).values})
res.to_csv(f"{out}/costs.csv", index=False)
with pd.ExcelWriter(f"{out}/costi.xlsx", engine="openpyxl") as xw:
    res.to_excel(xw, sheet_name="Processi", index=False)
    t.groupby("codice").F.sum().to_frame().to_excel(xw, sheet_name="FTE")
print(f"total {total:.2f} allocated {cost.sum():.2f}", file=sys.stderr)
