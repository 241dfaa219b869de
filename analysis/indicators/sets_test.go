package indicators

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partons/partons/datasets/taxonomy"
)

// TestGammeMembersPinned pins each gamme's members, in order, and which of
// them partons measures, so that a change of composition (a new vintage of
// INSEE's table) is a deliberate edit of this list and of sets.go, never
// a side effect. The lists are those of sets.go, written from INSEE's
// BPE 2021 lists by name (see srcGammes for what is not verified).
func TestGammeMembersPinned(t *testing.T) {
	want := map[string]struct {
		members  string
		measured string
	}{
		"insee_gamme_proximite": {
			members: "poste epicerie boulangerie boucherie ecole_maternelle ecole_elementaire medecin_generaliste " +
				"chirurgien_dentiste pharmacie infirmier masseur_kinesitherapeute coiffure restaurant soins_beaute " +
				"agence_immobiliere fleuriste reparation_automobile macon platrier_peintre menuisier plombier electricien " +
				"entreprise_batiment boulodrome tennis salle_multisports terrain_grands_jeux",
			measured: "poste epicerie boulangerie boucherie ecole_maternelle ecole_elementaire medecin_generaliste " +
				"chirurgien_dentiste pharmacie",
		},
		"insee_gamme_intermediaire": {
			members: "banque supermarche college police gendarmerie finances_publiques pompes_funebres controle_technique " +
				"ecole_conduite veterinaire blanchisserie librairie vetements equipement_foyer chaussures electromenager " +
				"meubles sports_loisirs bricolage parfumerie bijouterie optique station_service orthophoniste podologue " +
				"laboratoire ambulance personnes_agees_hebergement personnes_agees_aide garde_enfants bassin_natation athletisme",
			measured: "banque",
		},
		"insee_gamme_superieure": {
			members: "court_sejour urgences maternite lycee_general lycee_professionnel hypermarche france_travail " +
				"travail_temporaire location_automobile moyen_sejour long_sejour psychiatrie centre_sante dialyse " +
				"specialiste_cardiologie specialiste_dermatologie specialiste_gastro specialiste_psychiatrie " +
				"specialiste_ophtalmologie specialiste_orl specialiste_pediatrie specialiste_gynecologie " +
				"specialiste_radiologie sage_femme orthoptiste audioprothesiste cinema theatre musee conservatoire",
			measured: "court_sejour",
		},
	}
	for name, w := range want {
		s, ok := Lookup(name)
		if !ok {
			t.Fatalf("no set %s", name)
		}
		var all, measured []string
		for _, m := range s.Members {
			all = append(all, m.Name)
			if m.Measured() {
				measured = append(measured, m.Name)
			}
		}
		if got := strings.Join(all, " "); got != w.members {
			t.Errorf("%s members:\n got %s\nwant %s", name, got, w.members)
		}
		if got := strings.Join(measured, " "); got != w.measured {
			t.Errorf("%s measured:\n got %s\nwant %s", name, got, w.measured)
		}
	}
}

// TestGammeCodesMapToMembers checks every BPE code named in a member's
// official name against the taxonomy partons reads services with: the
// code must be a BPE entry whose category is one of the member's, so the
// documentation of a set never names a code partons would read as
// something else (or not at all). A measured member that names no code
// must say why in its note.
func TestGammeCodesMapToMembers(t *testing.T) {
	bpe := map[string]string{}
	for _, e := range taxonomy.Default().Entries() {
		if e.Vocabulary == taxonomy.VocabBPE {
			bpe[e.Raw] = e.Category
		}
	}
	code := regexp.MustCompile(`\b[A-G][0-9]{3}\b`)
	for _, s := range Builtin {
		for _, m := range s.Members {
			codes := code.FindAllString(m.Official, -1)
			if !m.Measured() {
				if len(codes) > 0 {
					t.Errorf("%s/%s: not measured but names BPE codes %v", s.Name, m.Name, codes)
				}
				continue
			}
			if len(codes) == 0 && strings.HasPrefix(s.Name, "insee_") && !strings.Contains(m.Note, "no BPE code") {
				t.Errorf("%s/%s: measured, names no BPE code and its note does not say why", s.Name, m.Name)
			}
			for _, c := range codes {
				cat, ok := bpe[c]
				if !ok {
					t.Errorf("%s/%s: %s is not a BPE code of the taxonomy", s.Name, m.Name, c)
				} else if !slices.Contains(m.Categories, cat) {
					t.Errorf("%s/%s: %s reads as %s, not one of %v", s.Name, m.Name, c, cat, m.Categories)
				}
			}
		}
	}
}
