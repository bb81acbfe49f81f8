package generate

import (
	"fmt"

	"camcost/model"
)

// Check tells, before anything is written, whether cfg can be generated
// with map m: how many people a number of bodies needs, how many bodies
// there can be. Its messages name the options of camcost generate, so the
// command line can report them as a usage error.
func Check(m *model.Map, cfg Config) error {
	s, err := analyse(m)
	if err != nil {
		return err
	}
	n := max(cfg.Bodies, 1)
	switch {
	case cfg.Bodies < 1:
		return fmt.Errorf("--bodies vale %d: serve almeno 1 ente", cfg.Bodies)
	case n > len(cities):
		return fmt.Errorf("--bodies vale %d: al massimo %d enti", cfg.Bodies, len(cities))
	case n > 1 && (cfg.People < n*MinBodyPeople || cfg.People > n*MaxBodyPeople):
		return fmt.Errorf("con --bodies %d, --people (il personale di tutti gli enti insieme) deve stare tra %d e %d (da %d a %d persone per ente): vale %d",
			n, n*MinBodyPeople, n*MaxBodyPeople, MinBodyPeople, MaxBodyPeople, cfg.People)
	case n == 1 && cfg.People < minPeople(s):
		return fmt.Errorf("--people deve essere almeno %d, per coprire i %d servizi della mappa: vale %d", minPeople(s), len(s.servizi), cfg.People)
	}
	return nil
}
