package benchdata

import (
	"fmt"
	"math/rand/v2"

	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/objective"
)

// country is one of the countries whose national strategies the data set
// holds, with its name in French.
type country struct{ Code, Name string }

// countries are those of the 30 strategies at scale 1; past 30, they come
// round again with a number.
var countries = []country{
	{"SN", "Sénégal"}, {"CI", "Côte d'Ivoire"}, {"ML", "Mali"}, {"BF", "Burkina Faso"}, {"NE", "Niger"},
	{"GN", "Guinée"}, {"BJ", "Bénin"}, {"TG", "Togo"}, {"GH", "Ghana"}, {"NG", "Nigéria"},
	{"CM", "Cameroun"}, {"GA", "Gabon"}, {"CG", "Congo"}, {"CD", "République démocratique du Congo"}, {"TD", "Tchad"},
	{"CF", "République centrafricaine"}, {"MR", "Mauritanie"}, {"MA", "Maroc"}, {"TN", "Tunisie"}, {"DZ", "Algérie"},
	{"RW", "Rwanda"}, {"BI", "Burundi"}, {"KE", "Kenya"}, {"MG", "Madagascar"}, {"CV", "Cap-Vert"},
	{"GW", "Guinée-Bissau"}, {"GM", "Gambie"}, {"SL", "Sierra Leone"}, {"LR", "Libéria"}, {"DJ", "Djibouti"},
}

// institution is the kind of agency every country has, ten of them; a
// country with more agencies gets more of the same kinds, numbered.
type institution struct {
	Acronym string
	Name    string
	Kind    agency.Kind
}

var institutions = []institution{
	{"MENP", "Ministère de l'Économie numérique et des Postes", agency.KindMinistry},
	{"MJ", "Ministère de la Justice", agency.KindMinistry},
	{"MSI", "Ministère de la Sécurité intérieure", agency.KindMinistry},
	{"MFAD", "Ministère des Forces armées et de la Défense", agency.KindMinistry},
	{"ARTP", "Autorité de régulation des télécommunications et des postes", agency.KindRegulator},
	{"CDP", "Commission de protection des données à caractère personnel", agency.KindRegulator},
	{"ANSSI", "Agence nationale de la sécurité des systèmes d'information", agency.KindNationalAgency},
	{"CERT", "Centre national de réponse aux incidents de sécurité informatique", agency.KindCERT},
	{"UN", "Université nationale, école supérieure polytechnique", agency.KindAcademia},
	{"OPTIC", "Organisation des professionnels des technologies de l'information", agency.KindPrivateSector},
}

// themes are the objectives of a strategy, by pillar of the ITU Global
// Cybersecurity Index.
var themes = []struct {
	Title  string
	Pillar objective.Pillar
}{
	{"Adapter le cadre juridique à la cybercriminalité", objective.PillarLegal},
	{"Protéger les données à caractère personnel", objective.PillarLegal},
	{"Encadrer la signature et l'identité électroniques", objective.PillarLegal},
	{"Protéger les infrastructures d'importance vitale", objective.PillarTechnical},
	{"Doter le pays d'une capacité nationale de réponse aux incidents", objective.PillarTechnical},
	{"Sécuriser les systèmes d'information de l'État", objective.PillarTechnical},
	{"Développer un cloud souverain de confiance", objective.PillarTechnical},
	{"Mettre en place la gouvernance nationale de la cybersécurité", objective.PillarOrganisational},
	{"Piloter et évaluer la mise en œuvre de la stratégie", objective.PillarOrganisational},
	{"Gérer les risques numériques des administrations", objective.PillarOrganisational},
	{"Sensibiliser les citoyens et les entreprises", objective.PillarCapacityDevelopment},
	{"Former les experts nationaux en cybersécurité", objective.PillarCapacityDevelopment},
	{"Soutenir la recherche et l'innovation", objective.PillarCapacityDevelopment},
	{"Renforcer les capacités des magistrats et enquêteurs", objective.PillarCapacityDevelopment},
	{"Développer la filière industrielle de confiance", objective.PillarCapacityDevelopment},
	{"Coopérer avec les pays de la sous-région", objective.PillarCooperation},
	{"Participer aux instances internationales", objective.PillarCooperation},
	{"Nouer des partenariats public-privé", objective.PillarCooperation},
	{"Mutualiser la veille sur les menaces", objective.PillarCooperation},
	{"Protéger l'enfance en ligne", objective.PillarLegal},
}

var (
	actions = []string{
		"Mettre en place", "Élaborer", "Déployer", "Renforcer", "Créer", "Réviser", "Organiser", "Former les agents à",
		"Évaluer", "Financer", "Adopter", "Moderniser", "Étendre", "Certifier", "Auditer", "Publier",
	}
	subjects = []string{
		"le centre opérationnel de sécurité", "la plateforme de signalement des incidents", "le référentiel de sécurité de l'État",
		"le décret d'application de la loi sur la cybersécurité", "la campagne nationale de sensibilisation", "le cursus de master en cybersécurité",
		"le laboratoire d'investigation numérique", "le registre des opérateurs d'importance vitale", "le plan de continuité des ministères",
		"l'exercice national de gestion de crise", "le cadre de qualification des prestataires", "le réseau interministériel sécurisé",
		"la politique de sauvegarde des données publiques", "le programme de bourses d'excellence", "le guide d'hygiène informatique des PME",
		"l'observatoire de la menace", "le service d'authentification des citoyens", "la coopération avec les CERT africains",
		"le dispositif de protection des enfants en ligne", "la procédure de notification des violations de données",
	}
	qualifiers = []string{
		"dans les régions", "pour les collectivités locales", "au sein des ministères", "avec les opérateurs de télécommunications",
		"pour le secteur financier", "en lien avec les partenaires techniques", "dans le secteur de la santé", "pour les établissements scolaires",
		"avec l'appui de l'UIT", "à l'échelle nationale",
	}
	openers = []string{
		"Nous proposons de", "Il conviendrait de", "Le ministère souhaite", "L'agence recommande de", "Il est demandé de",
		"Nous suggérons de", "Il paraît nécessaire de", "Le régulateur propose de",
	}
	asks = []string{
		"préciser le calendrier de mise en œuvre", "clarifier la répartition des rôles entre les agences", "revoir l'estimation budgétaire",
		"ajouter un indicateur de résultat mesurable", "associer les collectivités territoriales", "prévoir une évaluation à mi-parcours",
		"renforcer la protection des données à caractère personnel", "mentionner la coopération régionale au sein de la CEDEAO",
		"tenir compte des contraintes des petites entreprises", "désigner un point focal dans chaque ministère",
		"aligner la mesure sur la convention de Malabo", "prévoir la formation des personnels concernés",
	}
	reasons = []string{
		"afin d'éviter les doublons avec les programmes existants.", "car le texte actuel laisse une ambiguïté sur les responsabilités.",
		"compte tenu des moyens disponibles en 2025.", "pour assurer la cohérence avec la loi sur la société de l'information.",
		"faute de quoi la mesure restera difficile à suivre.", "comme l'a souligné l'atelier de validation technique.",
	}
	responses = []string{
		"L'observation est prise en compte dans la version consolidée.",
		"Le calendrier sera précisé dans le plan opérationnel annuel.",
		"La répartition des rôles relève du décret d'organisation, en préparation.",
		"Le budget a été arrêté en concertation avec le ministère des Finances.",
		"La proposition dépasse le périmètre de la stratégie et sera examinée par le comité de pilotage.",
		"L'indicateur proposé est ajouté au cadre de suivi.",
	}
)

// pick returns one of the strings, at random.
func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// itemTitle is the title of an action item.
func itemTitle(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %s", pick(r, actions), pick(r, subjects), pick(r, qualifiers))
}

// itemDescription is what an action item consists of.
func itemDescription(r *rand.Rand, lead string) string {
	return fmt.Sprintf("Sous la conduite de %s, %s %s, %s",
		lead, lowerFirst(pick(r, openers)), pick(r, asks), pick(r, reasons))
}

// observationBody is what an agency says.
func observationBody(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %s", pick(r, openers), pick(r, asks), pick(r, reasons))
}

// proposedText is an amendment's text.
func proposedText(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %s, et %s.", pick(r, actions), pick(r, subjects), pick(r, qualifiers), pick(r, asks))
}

func lowerFirst(s string) string {
	for i, c := range s {
		if c >= 'A' && c <= 'Z' {
			return string(c+'a'-'A') + s[i+1:]
		}
		return s
	}
	return s
}
