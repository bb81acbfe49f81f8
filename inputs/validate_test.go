package inputs

import (
	"strings"
	"testing"
)

// voceList is the list of voce keys messages give.
const voceList = "diritto_annuale, diritti_segreteria, contributi_trasferimenti, proventi_gestione_servizi, variazione_rimanenze, " +
	"personale, funzionamento, interventi_economici, ammortamenti_accantonamenti, proventi_finanziari, oneri_finanziari, " +
	"proventi_straordinari, oneri_straordinari, rivalutazioni, svalutazioni"

// TestValidation breaks one rule of docs/ingressi.md per case, starting from a
// valid folder, and expects exactly the problems listed, in order.
func TestValidation(t *testing.T) {
	v := validFolder()
	tests := []struct {
		name   string
		change map[string]string // file -> new content, "" removes the file
		opt    Options
		want   []string
	}{
		// Folder.
		{"missing personale", map[string]string{"personale.csv": "", "retribuzioni.csv": ""}, Options{}, []string{
			"manca la tabella personale: serve un file personale.csv o un foglio \"personale\" in un file .xlsx della cartella",
		}},
		{"missing tempi", map[string]string{"tempi.csv": ""}, Options{}, []string{
			"manca la tabella tempi: serve un file tempi.csv o un foglio \"tempi\" in un file .xlsx della cartella",
		}},
		{"missing contabilita", map[string]string{"contabilita.csv": ""}, Options{}, []string{
			"manca la tabella contabilita: serve un file contabilita.csv o un foglio \"contabilita\" in un file .xlsx della cartella",
		}},
		{"old xls", map[string]string{"vecchio.xls": "whatever"}, Options{}, []string{
			"vecchio.xls: file nel vecchio formato Excel 97-2003 (.xls): salvarlo come cartella di lavoro Excel (.xlsx)",
		}},
		{"same table twice", map[string]string{"Personale.CSV": v["personale.csv"]}, Options{}, []string{
			"personale.csv: tabella personale presente due volte: in Personale.CSV e in personale.csv; tenerne una sola",
		}},
		{"missing column", map[string]string{"personale.csv": "matricola,fte\nM1,1\nM2,1\n"}, Options{}, []string{
			"personale.csv, riga 1: manca la colonna obbligatoria qualifica (colonne di personale: matricola, qualifica, fte, mesi, unita)",
		}},
		{"repeated column", map[string]string{"volumi.csv": "codice,misura,quantita,Quantità\nC1.1.1,pratiche,1,2\n"}, Options{}, []string{
			"volumi.csv, riga 1, colonna Quantità: colonna quantita ripetuta (già in colonna 3)",
		}},
		{"header only", map[string]string{"contabilita.csv": "conto,descrizione,voce,importo\n"}, Options{}, []string{
			"contabilita.csv: la tabella contabilita non ha righe",
		}},
		{"empty file", map[string]string{"volumi.csv": "\n\n"}, Options{}, []string{
			"volumi.csv: la tabella volumi è vuota: manca la riga di intestazione",
		}},

		// CSV encoding.
		{"not utf-8", map[string]string{"personale.csv": "matricola,qualifica\nM1,D\nM2,Funzionario \xe0 tempo\n"}, Options{}, []string{
			"personale.csv, riga 3: il testo non è in UTF-8: salvare il file come \"CSV UTF-8\"",
		}},
		{"utf-16", map[string]string{"volumi.csv": "\xff\xfec\x00o\x00"}, Options{}, []string{
			"volumi.csv: il file è in UTF-16: salvarlo come \"CSV UTF-8\"",
		}},
		{"bare quote", map[string]string{"volumi.csv": "codice,misura,quantita\nC1.1.1,pratiche \"evase\",1\n"}, Options{}, []string{
			"volumi.csv, riga 2: virgolette (\") dentro un campo non racchiuso tra virgolette: racchiudere il campo tra virgolette e raddoppiare quelle interne",
		}},
		{"unclosed quote", map[string]string{"volumi.csv": "codice,misura,quantita\n\nC1.1.1,\"pratiche,1\n"}, Options{}, []string{
			"volumi.csv, riga 3: virgolette (\") non chiuse o seguite da altro testo nello stesso campo",
		}},
		{"ambiguous separator", map[string]string{"volumi.csv": "codice;misura,quantita\n"}, Options{}, []string{
			"volumi.csv, riga 1: la riga di intestazione contiene sia \";\" sia \",\" come separatore: impossibile capire quale si usa",
		}},
		{"italian number in plain file", map[string]string{"driver.csv": "driver,codice,quantita\nmq,A1.1.1,\"120,5\"\n"}, Options{}, []string{
			"contabilita.csv, riga 3, colonna driver: driver \"mq\" sconosciuto: usare fte, personale o un driver della tabella driver",
			"driver.csv, riga 2, colonna quantita: \"120,5\" non è un numero (file con separatore \",\": formato semplice, es. 1234.56, senza separatore delle migliaia)",
		}},
		{"plain number in italian file", map[string]string{"volumi.csv": "codice;misura;quantita\nC1.1.1;pratiche;1500.5\n"}, Options{}, []string{
			"volumi.csv, riga 2, colonna quantita: \"1500.5\" non è un numero (file con separatore \";\": formato italiano, es. 1.234,56 o 1234,56)",
		}},
		{"bad thousands", map[string]string{"volumi.csv": "codice;misura;quantita\nC1.1.1;pratiche;1.23.4\nC1.1.1;certificati;12,34,5\n"}, Options{}, []string{
			"volumi.csv, riga 2, colonna quantita: \"1.23.4\" non è un numero (file con separatore \";\": formato italiano, es. 1.234,56 o 1234,56)",
			"volumi.csv, riga 3, colonna quantita: \"12,34,5\" non è un numero (file con separatore \";\": formato italiano, es. 1.234,56 o 1234,56)",
		}},
		{"too many digits", map[string]string{"volumi.csv": "codice,misura,quantita\nC1.1.1,pratiche," + strings.Repeat("1", 31) + "\n"}, Options{}, []string{
			"volumi.csv, riga 2, colonna quantita: \"" + strings.Repeat("1", 31) + "\" ha troppe cifre (al massimo 30)",
		}},

		// personale.
		{"duplicate matricola", map[string]string{"personale.csv": v["personale.csv"] + "M1,B,1,12,\n"}, Options{}, []string{
			"personale.csv, riga 4, colonna matricola: matricola M1 ripetuta (già alla riga 2)",
		}},
		{"blank matricola", map[string]string{"personale.csv": v["personale.csv"] + " ,B,1,12,\n"}, Options{}, []string{
			"personale.csv, riga 4, colonna matricola: matricola mancante",
		}},
		{"fte zero", map[string]string{"personale.csv": strings.Replace(v["personale.csv"], "C,0.5", "C,0", 1)}, Options{}, []string{
			"personale.csv, riga 3, colonna fte: fte 0 fuori intervallo: deve essere maggiore di 0 e al massimo 1",
		}},
		{"fte above one", map[string]string{"personale.csv": strings.Replace(v["personale.csv"], "C,0.5", "C,1.5", 1)}, Options{}, []string{
			"personale.csv, riga 3, colonna fte: fte 1.5 fuori intervallo: deve essere maggiore di 0 e al massimo 1",
		}},
		{"fte not a number", map[string]string{"personale.csv": strings.Replace(v["personale.csv"], "C,0.5", "C,metà", 1)}, Options{}, []string{
			"personale.csv, riga 3, colonna fte: \"metà\" non è un numero (file con separatore \",\": formato semplice, es. 1234.56, senza separatore delle migliaia)",
		}},
		{"mesi thirteen", map[string]string{"personale.csv": strings.Replace(v["personale.csv"], "0.5,6", "0.5,13", 1)}, Options{}, []string{
			"personale.csv, riga 3, colonna mesi: mesi 13 fuori intervallo: deve essere maggiore di 0 e al massimo 12",
		}},
		{"mesi negative", map[string]string{"personale.csv": strings.Replace(v["personale.csv"], "0.5,6", "0.5,-1", 1)}, Options{}, []string{
			"personale.csv, riga 3, colonna mesi: mesi -1 fuori intervallo: deve essere maggiore di 0 e al massimo 12",
		}},
		{"personale without rows", map[string]string{"personale.csv": "matricola,qualifica\n", "retribuzioni.csv": "", "contabilita.csv": "conto,descrizione,voce,importo\n1,x,personale,1\n"}, Options{}, []string{
			"personale.csv: la tabella personale non ha righe",
		}},

		// retribuzioni.
		{"payroll unknown matricola", map[string]string{"retribuzioni.csv": v["retribuzioni.csv"] + "M9,stipendio,0\n"}, Options{}, []string{
			"retribuzioni.csv, riga 5, colonna matricola: matricola M9 non presente in personale",
		}},
		{"payroll importo not a number", map[string]string{"retribuzioni.csv": v["retribuzioni.csv"] + "M2,accessorio,1.000,50\n"}, Options{}, []string{
			"retribuzioni.csv, riga 5: la riga ha 4 valori ma l'intestazione ne ha 3: controllare il separatore (\",\") e le virgolette; un numero con la virgola (1.234,56) in un file separato da \",\" va racchiuso tra virgolette",
		}},
		{"payroll importo text", map[string]string{"retribuzioni.csv": v["retribuzioni.csv"] + "M2,accessorio,mille\n"}, Options{}, []string{
			"retribuzioni.csv, riga 5, colonna importo: \"mille\" non è un numero (file con separatore \",\": formato semplice, es. 1234.56, senza separatore delle migliaia)",
		}},
		{"payroll missing importo", map[string]string{"retribuzioni.csv": v["retribuzioni.csv"] + "M2,accessorio,\n"}, Options{}, []string{
			"retribuzioni.csv, riga 5, colonna importo: importo mancante",
		}},

		// tempi.
		{"tempi unknown matricola", map[string]string{"tempi.csv": v["tempi.csv"] + "M9,C1.1.1,100\n"}, Options{}, []string{
			"tempi.csv, riga 5, colonna matricola: matricola M9 non presente in personale",
		}},
		{"tempi unknown code", map[string]string{"tempi.csv": strings.Replace(v["tempi.csv"], "M2,C1.1.1,", "M2,X9.1,", 1)}, Options{}, []string{
			"tempi.csv, riga 4, colonna codice: codice X9.1 non presente nella mappa dei processi",
		}},
		{"tempi on a funzione", map[string]string{"tempi.csv": strings.Replace(v["tempi.csv"], "M2,C1.1.1,", "M2,C1.1,", 1)}, Options{}, []string{
			"tempi.csv, riga 4, colonna codice: sul codice C1.1 (funzione) non si possono imputare tempi: usare un servizio (anche di formazione), un'attività o un nodo di coordinamento",
		}},
		{"tempi on a macro funzione", map[string]string{"tempi.csv": strings.Replace(v["tempi.csv"], "M2,C1.1.1,", "M2,C,", 1)}, Options{}, []string{
			"tempi.csv, riga 4, colonna codice: sul codice C (macro funzione) non si possono imputare tempi: usare un servizio (anche di formazione), un'attività o un nodo di coordinamento",
		}},
		{"tempi missing code", map[string]string{"tempi.csv": strings.Replace(v["tempi.csv"], "M2,C1.1.1,", "M2,,", 1)}, Options{}, []string{
			"tempi.csv, riga 4, colonna codice: codice mancante",
		}},
		{"tempi mixed", map[string]string{"tempi.csv": "matricola,codice,percentuale,ore\nM1,A1.1.1,100,\nM2,C1.1.1,,10\n"}, Options{}, []string{
			"tempi.csv, riga 1: la tabella tempi ha sia la colonna percentuale sia la colonna ore: usarne una sola per tutta la tabella",
		}},
		{"tempi without quantity", map[string]string{"tempi.csv": "matricola,codice\nM1,A1.1.1\nM2,C1.1.1\n"}, Options{}, []string{
			"tempi.csv, riga 1: manca la colonna percentuale (oppure ore) dei tempi",
		}},
		{"tempi negative", map[string]string{"tempi.csv": v["tempi.csv"] + "M2,C1.1.1.2,-5\n"}, Options{}, []string{
			"tempi.csv, riga 5, colonna percentuale: valore negativo (-5): i tempi devono essere maggiori o uguali a zero",
		}},
		{"tempi missing value", map[string]string{"tempi.csv": v["tempi.csv"] + "M2,C1.1.1.2,\n"}, Options{}, []string{
			"tempi.csv, riga 5, colonna percentuale: valore mancante",
		}},
		{"tempi bad periodo", map[string]string{"tempi.csv": "matricola,codice,ore,periodo\nM1,A1.1.1,10,1\nM2,C1.1.1,10,13\nM2,C1.1.1,10,2.5\nM2,C1.1.1,10,0\n"}, Options{}, []string{
			"tempi.csv, riga 3, colonna periodo: periodo 13 non valido: deve essere un mese da 1 a 12",
			"tempi.csv, riga 4, colonna periodo: periodo 2.5 non valido: deve essere un mese da 1 a 12",
			"tempi.csv, riga 5, colonna periodo: periodo 0 non valido: deve essere un mese da 1 a 12",
		}},
		{"person without time", map[string]string{"tempi.csv": "matricola,codice,percentuale\nM1,A1.1.1,100\n"}, Options{}, []string{
			"personale.csv, riga 3, colonna matricola: la matricola M2 non ha righe in tempi: ogni persona deve imputare il proprio tempo",
		}},
		{"percent sum", map[string]string{"tempi.csv": strings.Replace(v["tempi.csv"], "C1.1.1.1,40", "C1.1.1.1,39.5", 1)}, Options{}, []string{
			"tempi.csv, riga 2, colonna percentuale: le percentuali della matricola M1 sommano a 99,5 invece di 100 (2 righe, la prima è questa)",
		}},
		{"percent sum just out", map[string]string{"tempi.csv": strings.Replace(v["tempi.csv"], "M2,C1.1.1,100", "M2,C1.1.1,100.011", 1)}, Options{}, []string{
			"tempi.csv, riga 4, colonna percentuale: le percentuali della matricola M2 sommano a 100,011 invece di 100 (una sola riga, questa)",
		}},
		{"percent sum over periods", map[string]string{"tempi.csv": "matricola,codice,percentuale,periodo\nM1,A1.1.1,100,1\nM1,A1.1.1,100,2\nM2,C1.1.1,100,1\n"}, Options{}, []string{
			"tempi.csv, riga 2, colonna percentuale: le percentuali della matricola M1 sommano a 200 invece di 100 (2 righe, la prima è questa); con più periodi le percentuali si sommano sull'anno: per tempi mensili usare la colonna ore",
		}},
		{"zero hours", map[string]string{"tempi.csv": "matricola,codice,ore\nM1,A1.1.1,10\nM2,C1.1.1,0\nM2,C1.1.1.1,0\n"}, Options{}, []string{
			"tempi.csv, riga 3, colonna ore: la matricola M2 ha 0 ore in totale (2 righe, la prima è questa): servono ore positive",
		}},

		// contabilita.
		{"unknown voce", map[string]string{"contabilita.csv": v["contabilita.csv"] + "1,x,costi vari,5,,\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna voce: voce \"costi vari\" sconosciuta: usare una di " + voceList,
		}},
		{"missing voce", map[string]string{"contabilita.csv": v["contabilita.csv"] + "1,x,,5,,\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna voce: voce mancante: usare una di " + voceList,
		}},
		{"missing conto", map[string]string{"contabilita.csv": v["contabilita.csv"] + ",x,funzionamento,5,,\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna conto: conto mancante",
		}},
		{"missing importo", map[string]string{"contabilita.csv": v["contabilita.csv"] + "1,x,funzionamento,,,\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna importo: importo mancante",
		}},
		{"unknown destination", map[string]string{"contabilita.csv": v["contabilita.csv"] + "1,x,funzionamento,5,Z9,\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna destinazione: \"Z9\" non è un codice della mappa dei processi né unita:NOME",
		}},
		{"unknown unit", map[string]string{"contabilita.csv": v["contabilita.csv"] + "1,x,funzionamento,5,unita:Segreteria,\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna destinazione: unità \"Segreteria\" non presente nella colonna unita di personale (unità di personale: Anagrafe, Ragioneria)",
		}},
		{"unit without name", map[string]string{"contabilita.csv": v["contabilita.csv"] + "1,x,funzionamento,5,unita: ,\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna destinazione: \"unita:\": manca il nome dell'unità dopo \"unita:\"",
		}},
		{"unknown driver", map[string]string{"contabilita.csv": v["contabilita.csv"] + "1,x,funzionamento,5,,metri\n"}, Options{}, []string{
			"contabilita.csv, riga 6, colonna driver: driver \"metri\" sconosciuto: usare fte, personale o un driver della tabella driver",
		}},

		// driver.
		{"driver negative", map[string]string{"driver.csv": v["driver.csv"] + "mq,C1.1.1,-1\n"}, Options{}, []string{
			"driver.csv, riga 4, colonna quantita: quantità negativa (-1): deve essere maggiore o uguale a zero",
		}},
		{"driver unknown code", map[string]string{"driver.csv": v["driver.csv"] + "mq,Q1,1\n"}, Options{}, []string{
			"driver.csv, riga 4, colonna codice: \"Q1\" non è un codice della mappa dei processi né unita:NOME",
		}},
		{"driver missing code", map[string]string{"driver.csv": v["driver.csv"] + "mq,,1\n"}, Options{}, []string{
			"driver.csv, riga 4, colonna codice: codice mancante: indicare un codice della mappa o unita:NOME",
		}},
		{"driver reserved name", map[string]string{"driver.csv": v["driver.csv"] + "FTE,C1.1.1,1\n"}, Options{}, []string{
			"driver.csv, riga 4, colonna driver: il nome fte è riservato (fte e personale sono calcolati da camcost): sceglierne un altro",
		}},
		{"driver missing name", map[string]string{"driver.csv": v["driver.csv"] + ",C1.1.1,1\n"}, Options{}, []string{
			"driver.csv, riga 4, colonna driver: nome del driver mancante",
		}},
		{"driver missing quantity", map[string]string{"driver.csv": v["driver.csv"] + "mq,C1.1.1,\n"}, Options{}, []string{
			"driver.csv, riga 4, colonna quantita: quantità mancante",
		}},

		// volumi.
		{"volume unknown code", map[string]string{"volumi.csv": v["volumi.csv"] + "C9,pratiche,1\n"}, Options{}, []string{
			"volumi.csv, riga 3, colonna codice: codice C9 non presente nella mappa dei processi",
		}},
		{"volume negative", map[string]string{"volumi.csv": v["volumi.csv"] + "C1.1.1,certificati,-3\n"}, Options{}, []string{
			"volumi.csv, riga 3, colonna quantita: quantità negativa (-3): deve essere maggiore o uguale a zero",
		}},
		{"volume without measure", map[string]string{"volumi.csv": v["volumi.csv"] + "C1.1.1,,3\n"}, Options{}, []string{
			"volumi.csv, riga 3, colonna misura: misura mancante: indicare cosa si conta (es. pratiche evase)",
		}},

		// contesto.
		{"imprese negative", map[string]string{"contesto.csv": "chiave,valore\nimprese_attive,-5\n"}, Options{}, []string{
			"contesto.csv, riga 2, colonna valore: imprese_attive -5 non valido: serve un numero intero non negativo",
		}},
		{"imprese fractional", map[string]string{"contesto.csv": "chiave;valore\nImprese registrate;12,5\n"}, Options{}, []string{
			"contesto.csv, riga 2, colonna valore: imprese_registrate 12,5 non valido: serve un numero intero non negativo",
		}},
		{"imprese not a number", map[string]string{"contesto.csv": "chiave,valore\nimprese_attive,molte\n"}, Options{}, []string{
			"contesto.csv, riga 2, colonna valore: \"molte\" non è un numero (file con separatore \",\": formato semplice, es. 1234.56, senza separatore delle migliaia)",
		}},
		{"bad year", map[string]string{"contesto.csv": "chiave,valore\nanno,20245\n"}, Options{}, []string{
			"contesto.csv, riga 2, colonna valore: anno \"20245\" non valido: serve un anno di quattro cifre (es. 2024)",
		}},
		{"repeated key", map[string]string{"contesto.csv": "chiave,valore\nente,A\nEnte,B\n"}, Options{}, []string{
			"contesto.csv, riga 3, colonna chiave: chiave ente ripetuta (già alla riga 2)",
		}},
		{"missing key", map[string]string{"contesto.csv": "chiave,valore\n,B\n"}, Options{}, []string{
			"contesto.csv, riga 2, colonna chiave: chiave mancante",
		}},

		// mappa.
		{"map unknown level", map[string]string{"mappa.csv": mappaCSV() + "C1.1.1.3,azione,regular,C1.1.1,Altro\n"}, Options{}, []string{
			"mappa.csv, riga 19, colonna level: livello \"azione\" sconosciuto: usare macro, tema, funzione, servizio o attivita",
		}},
		{"map unknown kind", map[string]string{"mappa.csv": mappaCSV() + "C1.1.1.3,attivita,speciale,C1.1.1,Altro\n"}, Options{}, []string{
			"mappa.csv, riga 19, colonna kind: tipo \"speciale\" sconosciuto: usare regular, coordinamento o formazione",
		}},
		{"map unknown parent", map[string]string{"mappa.csv": mappaCSV() + "C1.1.2,servizio,regular,C1.2,Altro\n"}, Options{}, []string{
			"mappa.csv, riga 19, colonna parent: il padre C1.2 del nodo C1.1.2 non esiste nella mappa",
		}},
		{"map duplicate code", map[string]string{"mappa.csv": mappaCSV() + "C1.1.1,servizio,regular,C1.1,Doppio\n"}, Options{}, []string{
			"mappa.csv, riga 19, colonna code: codice C1.1.1 ripetuto (già alla voce 15)",
		}},
		{"map empty", map[string]string{"mappa.csv": "code,level,kind,parent,name\n"}, Options{}, []string{
			"mappa.csv: la tabella mappa non ha nodi",
		}},

		// Settings.
		{"settings unknown key", map[string]string{"camcost.toml": "metodo = \"diretto\"\nmetodi = \"x\"\n"}, Options{}, []string{
			"camcost.toml, riga 2: chiave \"metodi\" sconosciuta: le impostazioni ammesse sono metodo e [driver_supporto]",
		}},
		{"settings unknown table", map[string]string{"camcost.toml": "[driver]\nB2 = \"mq\"\n"}, Options{}, []string{
			"camcost.toml, riga 1: chiave \"driver\" sconosciuta: le impostazioni ammesse sono metodo e [driver_supporto]",
		}},
		{"settings bad method", map[string]string{"camcost.toml": "# impostazioni\nmetodo = \"lineare\"\n"}, Options{}, []string{
			"camcost.toml, riga 2: metodo \"lineare\" sconosciuto: usare diretto, scalare o reciproco",
		}},
		{"settings syntax", map[string]string{"camcost.toml": "metodo = diretto\n"}, Options{}, []string{
			"camcost.toml, riga 1: impostazioni non valide: dopo \"=\" serve un valore e \"diretto\" non lo è: i testi vanno tra virgolette diritte, es. metodo = \"diretto\"",
		}},
		{"settings wrong type", map[string]string{"camcost.toml": "metodo = 3\n"}, Options{}, []string{
			"camcost.toml, riga 1: impostazioni non valide: il valore di metodo va scritto tra virgolette, es. metodo = \"diretto\"",
		}},
		{"support tema not support", map[string]string{"camcost.toml": "[driver_supporto]\nC1 = \"mq\"\n"}, Options{}, []string{
			"camcost.toml, riga 2: [driver_supporto] C1 = \"mq\": il tema C1 non è di supporto: solo i temi delle macro funzioni A e B ribaltano i loro costi",
		}},
		{"support tema unknown", map[string]string{"camcost.toml": "[driver_supporto]\n\"B9\" = \"mq\"\n"}, Options{}, []string{
			"camcost.toml, riga 2: [driver_supporto] B9 = \"mq\": il tema B9 non esiste nella mappa dei processi",
		}},
		{"support not a tema", map[string]string{"camcost.toml": "driver_supporto.\"B2.1\" = \"mq\"\n"}, Options{}, []string{
			"camcost.toml, riga 1: [driver_supporto] B2.1 = \"mq\": B2.1 non è un tema (è di livello funzione): indicare un tema, es. B2",
		}},
		{"support driver unknown", map[string]string{"camcost.toml": "[driver_supporto]\nB2 = \"metri\"\n"}, Options{}, []string{
			"camcost.toml, riga 2: [driver_supporto] B2 = \"metri\": driver \"metri\" sconosciuto per il tema B2: usare fte, personale o un driver della tabella driver",
		}},
		{"option unknown support driver", nil, Options{Overrides: overrides(t, "", "A1=piani")}, []string{
			"opzione --support-driver \"A1=piani\": driver \"piani\" sconosciuto per il tema A1: usare fte, personale o un driver della tabella driver",
		}},
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
			_, err := readFolder(t, files, tt.opt)
			ps := problemsOf(t, err)
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
