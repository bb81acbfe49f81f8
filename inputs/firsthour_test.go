package inputs

import (
	"strings"
	"testing"
)

// The everyday mistakes of a first hour with camcost: each gives its cause,
// once, before what follows from it, and many alike fold into one line.
func TestFirstHourMistakes(t *testing.T) {
	v := validFolder()
	sevenPeople := "matricola,qualifica,fte,mesi,unita\n"
	sevenTimes := "matricola,codice,percentuale\n"
	for _, m := range []string{"004127", "004128", "004129", "004130", "004131"} {
		sevenPeople += m + ",C,1,12,Anagrafe\n"
		sevenTimes += strings.TrimLeft(m, "0") + ",C1.1.1,100\n"
	}
	tests := []struct {
		name   string
		change map[string]string
		want   []string
		count  int
	}{
		{"empty retribuzioni", map[string]string{"retribuzioni.csv": "matricola,voce,importo\n"}, []string{
			"retribuzioni.csv: la tabella retribuzioni non ha righe: compilarla con le voci di stipendio di ogni persona, oppure eliminarla (il foglio o il file): senza retribuzioni il costo del personale si ripartisce per FTE",
		}, 1},
		{"time sheet cut by a byte not in UTF-8", map[string]string{"tempi.csv": "matricola,codice,percentuale\nM1,A1.1.1,60\nM1,C1.1.1.1,40\nM2,C1\xe0.1.1,100\n"}, []string{
			"tempi.csv, riga 4: il testo non è in UTF-8: salvare il file come \"CSV UTF-8\"",
		}, 1},
		{"driver table cut: its names are not reported unknown", map[string]string{"driver.csv": "driver,codice,quantita\nm\xe0q,A1.1.1,120\n"}, []string{
			"driver.csv, riga 2: il testo non è in UTF-8: salvare il file come \"CSV UTF-8\"",
		}, 1},
		{"cause first, whatever the file", map[string]string{
			"volumi.csv": "codice,misura\nC1.1.1,pratiche\n",
			"tempi.csv":  v["tempi.csv"] + "M2,X9,1\n",
		}, []string{
			"volumi.csv, riga 1: manca la colonna obbligatoria quantita (colonne di volumi: codice, misura, quantita)",
			"tempi.csv, riga 5, colonna codice: codice X9 non presente nella mappa dei processi",
		}, 2},
		{"matricole that lost their leading zeros", map[string]string{
			"personale.csv":    sevenPeople,
			"tempi.csv":        sevenTimes,
			"retribuzioni.csv": "",
		}, []string{
			"tempi.csv, riga 2, colonna matricola: matricola 4127 non presente in personale, dove c'è 004127: una matricola scritta come numero perde gli zeri iniziali; scriverla come testo, uguale nelle due tabelle (stesso problema alle righe 3-6: 5 righe in tutto)",
		}, 5},
		{"comma header over semicolon rows", map[string]string{
			"contabilita.csv": "conto,descrizione,voce,importo,destinazione,driver\n" +
				"321000;Stipendi;personale;54000,50;;\n" +
				"325000;Pulizie;funzionamento;1200,10;;mq\n" +
				"310000;Diritto annuale;diritto_annuale;100000;C1;\n",
		}, []string{
			"contabilita.csv, riga 1: l'intestazione è separata da \",\" ma le righe sotto da \";\": tutto il file deve usare lo stesso separatore; salvarlo di nuovo da Excel come \"CSV UTF-8\", oppure correggere l'intestazione",
		}, 1},
		{"semicolon header over comma rows", map[string]string{
			"volumi.csv": "codice;misura;quantita\nC1.1.1,pratiche evase,1500\n",
		}, []string{
			"volumi.csv, riga 1: l'intestazione è separata da \";\" ma le righe sotto da \",\": tutto il file deve usare lo stesso separatore; salvarlo di nuovo da Excel come \"CSV UTF-8\", oppure correggere l'intestazione",
		}, 1},
		{"tab separated", map[string]string{
			"volumi.csv": "codice\tmisura\tquantita\nC1.1.1\tpratiche evase\t1500\n",
		}, []string{
			"volumi.csv, riga 1: il file è separato da tabulazioni: camcost legge file CSV separati da \";\" o da \",\"; salvarlo da Excel come \"CSV UTF-8\"",
		}, 1},
		{"unit with a slip of the keyboard", map[string]string{
			"contabilita.csv": v["contabilita.csv"] + "330001,Contributi,interventi_economici,5,unita:Anagrafr,\n",
		}, []string{
			"contabilita.csv, riga 6, colonna destinazione: unità \"Anagrafr\" non presente nella colonna unita di personale: forse \"Anagrafe\"?",
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := validFolder()
			for name, content := range tt.change {
				if content == "" {
					delete(files, name)
				} else {
					files[name] = content
				}
			}
			_, err := readFolder(t, files, Options{})
			ps := problemsOf(t, err)
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if ps.Count() != tt.count {
				t.Errorf("Count() = %d, want %d", ps.Count(), tt.count)
			}
		})
	}
}

// Rows whose separators agree with the header are read, quoted separators
// and Italian decimals included.
func TestSeparatorAgrees(t *testing.T) {
	for name, volumi := range map[string]string{
		"semicolons with decimal commas": "codice;misura;quantita\nC1.1.1;pratiche, evase;1,5\nC1.1.1;altre;2,5\n",
		"commas with quoted semicolons":  "codice,misura,quantita\nC1.1.1,\"a;b;c;d\",1.5\n",
		"one column of values":           "codice,misura,quantita\nC1.1.1,x,1\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			files := validFolder()
			files["volumi.csv"] = volumi
			if _, err := readFolder(t, files, Options{}); err != nil {
				t.Errorf("read: %v", err)
			}
		})
	}
}

// Unit names match as table and column names do, and take the spelling
// of personale.
func TestUnitNamesFold(t *testing.T) {
	files := validFolder()
	files["contabilita.csv"] = strings.Replace(files["contabilita.csv"], "unita:Anagrafe", "unita: ANAGRAFE ", 1)
	files["driver.csv"] = strings.Replace(files["driver.csv"], "unita:Anagrafe", "Unità:anagrafe", 1)
	files["personale.csv"] += "M3,B,1,12,anagrafe\n"
	files["tempi.csv"] += "M3,C1.1.1,100\n"
	files["retribuzioni.csv"] += "M3,stipendio,100\n"
	in, err := readFolder(t, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range in.Ledger {
		if l.Dest.Unit != "" && l.Dest.Unit != "Anagrafe" {
			t.Errorf("ledger unit = %q, want Anagrafe", l.Dest.Unit)
		}
	}
	for _, d := range in.Drivers {
		if d.Dest.Unit != "" && d.Dest.Unit != "Anagrafe" {
			t.Errorf("driver unit = %q, want Anagrafe", d.Dest.Unit)
		}
	}
	if got := in.People[2].Unita; got != "Anagrafe" {
		t.Errorf("unit of M3 = %q, want Anagrafe", got)
	}
	var warned bool
	for _, w := range in.Warnings {
		warned = warned || strings.Contains(w.Msg, `unità "anagrafe" scritta come "Anagrafe" alla riga 3`)
	}
	if !warned {
		t.Errorf("no warning about the two spellings: %v", in.Warnings)
	}
}

// An empty descrizione is a warning on its row.
func TestDescrizioneMissing(t *testing.T) {
	files := validFolder()
	files["contabilita.csv"] = strings.Replace(files["contabilita.csv"], "325000,Pulizie,", "325000,,", 1)
	in, err := readFolder(t, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "contabilita.csv, riga 3, colonna descrizione: descrizione mancante per il conto 325000: serve a riconoscere il conto nei messaggi e nei controlli"
	found := false
	for _, w := range in.Warnings {
		found = found || w.Error() == want
	}
	if !found {
		t.Errorf("warnings %v lack %q", in.Warnings, want)
	}
}

// The mistakes people make in camcost.toml read in Italian.
func TestSettingsMistakes(t *testing.T) {
	tests := []struct{ toml, want string }{
		{"metodo = diretto\n", "camcost.toml, riga 1: impostazioni non valide: dopo \"=\" serve un valore e \"diretto\" non lo è: i testi vanno tra virgolette diritte, es. metodo = \"diretto\""},
		{"metodo = “diretto”\n", "camcost.toml, riga 1: impostazioni non valide: dopo \"=\" serve un valore e \"“\" non lo è: i testi vanno tra virgolette diritte, es. metodo = \"diretto\""},
		{"metodo = \"diretto\n", "camcost.toml, riga 1: impostazioni non valide: virgolette non chiuse: un testo va chiuso sulla stessa riga, es. metodo = \"diretto\""},
		{"[driver_supporto\nB2 = \"mq\"\n", "camcost.toml, riga 2: impostazioni non valide: il nome della sezione non è chiuso: scrivere [driver_supporto] su una riga a sé"},
		{"metodo: \"diretto\"\n", "camcost.toml, riga 1: impostazioni non valide: manca \"=\" tra la chiave e il valore (trovato \":\"), es. metodo = \"diretto\""},
		{"# citt\xe0\nmetodo = \"diretto\"\n", "camcost.toml, riga 1: impostazioni non valide: il testo non è in UTF-8 (byte 0xe0, forse una lettera accentata): salvare il file con codifica UTF-8"},
		{"metodo = \"diretto\"\nmetodo = \"scalare\"\n", "camcost.toml, riga 2: impostazioni non valide: metodo compare due volte: tenerne una sola"},
		{"[driver_supporto]\nB2 = \"mq\"\nB2 = \"fte\"\n", "camcost.toml, riga 3: impostazioni non valide: B2 compare due volte in [driver_supporto]: tenerne una sola"},
		{"m\x00e\x00t\x00", "camcost.toml, riga 1: impostazioni non valide: il file è in UTF-16: salvarlo con codifica UTF-8"},
		{"metodo = \"diretto\" x\n", "camcost.toml, riga 1: impostazioni non valide: testo in più dopo il valore (\"x\"): un'impostazione per riga, e i commenti iniziano con #"},
		{"[driver_supporto]\nB2 = 3\n", "camcost.toml, riga 2: impostazioni non valide: il valore di B2 va scritto tra virgolette, es. B2 = \"fte\""},
		{"driver_supporto = \"mq\"\n", "camcost.toml, riga 1: driver_supporto è una sezione: scrivere [driver_supporto] su una riga e sotto un tema per riga, es. B2 = \"mq\""},
		{"metodo = \"lineare\"\n", "camcost.toml, riga 1: metodo \"lineare\" sconosciuto: usare diretto, scalare o reciproco"},
		{"[driver_supporto]\nB2 = \"mq\"\nb2 = \"fte\"\n", "camcost.toml, riga 3: [driver_supporto] b2 = \"fte\": il tema B2 ha già un driver alla riga 2: tenerne uno solo"},
	}
	for _, tt := range tests {
		t.Run(tt.toml, func(t *testing.T) {
			files := validFolder()
			files["camcost.toml"] = tt.toml
			_, err := readFolder(t, files, Options{})
			var got []string
			for _, p := range problemsOf(t, err) {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
