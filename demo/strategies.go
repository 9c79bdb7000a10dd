package demo

import (
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/strategy"
)

// Short names for the tables below.
const (
	high   = actionitem.PriorityHigh
	medium = actionitem.PriorityMedium
	low    = actionitem.PriorityLow

	notStarted = actionitem.StatusNotStarted
	inProgress = actionitem.StatusInProgress
	completed  = actionitem.StatusCompleted
	delayed    = actionitem.StatusDelayed
	cancelled  = actionitem.StatusCancelled
)

// currentStrategy is the strategy being finalised: drafted from 2020, consulted
// on, and now before the validation workshop. Which ministry anchors the
// implementing agency is still contested, so it has none. Part of its action
// plan started before adoption, in the continuity of the previous strategy.
var currentStrategy = strategyData{
	Title:     "Stratégie nationale de cybersécurité 2022-2026",
	StartYear: 2022,
	EndYear:   2026,
	Status:    strategy.StatusValidation,
	Owner:     "MENP",
	Summary: "Un cyberespace national sûr, de confiance et résilient, au service du développement " +
		"économique et social. Élaborée à partir de 2020 par le ministère chargé de l'Économie numérique, " +
		"la stratégie s'articule autour des cinq piliers de l'indice mondial de cybersécurité de l'UIT : " +
		"cadre juridique, mesures techniques, organisation, renforcement des capacités et coopération. " +
		"Le rattachement institutionnel de l'agence chargée de sa mise en œuvre reste à trancher " +
		"lors de l'atelier national de validation.",
	Objectives: []objectiveData{
		{
			Code:   "OS1",
			Pillar: objective.PillarLegal,
			Title:  "Renforcer le cadre juridique et réglementaire de la cybersécurité",
			Description: "Adapter le droit pénal, le droit des données à caractère personnel et la réglementation " +
				"des infrastructures critiques aux menaces actuelles et aux engagements internationaux du pays.",
			Indicators: []indicatorData{{
				Name: "Part des textes d'application de la stratégie adoptés", Unit: "%",
				Baseline: 0, Target: 100, TargetDate: "2026-12-31",
				Measurements: []measurementData{
					{At: "2023-12-31", Value: 25, Note: "Bilan annuel du secrétariat technique."},
					{At: "2024-12-31", Value: 40, Note: "Bilan annuel du secrétariat technique."},
					{At: "2025-12-31", Value: 50, Note: "Bilan annuel du secrétariat technique ; deux décrets en attente de signature."},
				},
			}},
			Items: []itemData{
				{
					Code: "A1.1", Lead: "MJ", Supporting: []string{"MSI", "MENP"}, Funding: []string{"UE"},
					Title: "Réviser la loi sur la cybercriminalité pour l'aligner sur la Convention de Budapest",
					Description: "Mettre à jour les incriminations, les pouvoirs procéduraux et les règles de conservation " +
						"des données de connexion. Le projet de loi a été adopté par l'Assemblée nationale en décembre 2023.",
					Priority: high, Status: completed, Progress: 100,
					Start: "2022-03-01", Due: "2023-12-31", Budget: 45_000_000,
				},
				{
					Code: "A1.2", Lead: "MJ", Supporting: []string{"CDP", "MENP"},
					Title: "Réviser la loi relative à la protection des données à caractère personnel",
					Description: "Renforcer les pouvoirs de sanction de la Commission de protection des données et " +
						"encadrer les transferts transfrontaliers. L'avant-projet est en examen au Secrétariat général du Gouvernement.",
					Priority: high, Status: inProgress, Progress: 60,
					Start: "2022-06-01", Due: "2025-06-30", Budget: 30_000_000,
					Reports: []reportData{
						{AsOf: "2026-06-30", Progress: 50, Status: inProgress,
							Narrative:    "L'avant-projet de loi a été validé en comité interministériel.",
							Difficulties: "Les arbitrages sur les transferts transfrontaliers ont pris du retard.",
							NextSteps:    "Transmission au Secrétariat général du Gouvernement."},
						{AsOf: "2026-10-15", Progress: 60, Status: inProgress,
							Narrative: "L'avant-projet est en examen au Secrétariat général du Gouvernement.",
							NextSteps: "Adoption en Conseil des ministres, puis dépôt à l'Assemblée nationale."},
					},
				},
				{
					Code: "A1.3", Lead: "MENP", Supporting: []string{"ANSSI", "ARTP", "MFAD"},
					Title: "Élaborer le décret sur la sécurité des opérateurs d'infrastructures d'information critiques",
					Description: "Fixer les obligations des opérateurs d'importance vitale : homologation des systèmes, " +
						"notification des incidents, audits. Le texte attend l'arbitrage sur l'autorité de contrôle.",
					Priority: high, Status: delayed, Progress: 30,
					Start: "2023-01-15", Due: "2024-12-31", Budget: 20_000_000,
				},
				{
					Code: "A1.4", Lead: "ARTP", Supporting: []string{"MENP", "ANSSI"},
					Title: "Instituer un régime de certification des prestataires de services de confiance",
					Description: "Définir les règles d'accréditation des prestataires de signature et de cachet électroniques " +
						"et d'horodatage, conformément au code des transactions électroniques.",
					Priority: medium, Status: notStarted, Progress: 0,
					Start: "2025-01-01", Due: "2026-06-30", Budget: 60_000_000,
				},
				{
					Code: "A1.5", Lead: "MJ", Supporting: []string{"MSI", "DSC"},
					Title: "Créer un pôle judiciaire spécialisé dans la lutte contre la cybercriminalité",
					Description: "Regrouper au tribunal de grande instance de la capitale des magistrats du parquet " +
						"et de l'instruction formés aux affaires de cybercriminalité.",
					Priority: medium, Status: inProgress, Progress: 40,
					Start: "2024-01-15", Due: "2026-12-31", Budget: 150_000_000,
					DependsOn: []string{"A1.1"},
				},
			},
		},
		{
			Code:   "OS2",
			Pillar: objective.PillarOrganisational,
			Title:  "Doter le pays d'une gouvernance nationale de la cybersécurité",
			Description: "Mettre en place les instances de pilotage, désigner les responsables de la sécurité dans " +
				"l'administration et suivre la mise en œuvre de la stratégie.",
			Items: []itemData{
				{
					Code: "A2.1", Lead: "MENP", Supporting: []string{"MFAD", "MSI"},
					Title: "Créer le Conseil national de cybersécurité et adopter son règlement intérieur",
					Description: "Instance interministérielle d'orientation présidée par le Premier ministre. " +
						"Le décret de création a été signé et la première session s'est tenue en novembre 2022.",
					Priority: high, Status: completed, Progress: 100,
					Start: "2022-01-15", Due: "2022-12-31", Budget: 25_000_000,
				},
				{
					Code: "A2.2", Lead: "MENP", Supporting: []string{"MFAD", "MSI"},
					Title: "Trancher le rattachement institutionnel de l'agence de mise en œuvre",
					Description: "Les contributions divergent entre un rattachement à la Présidence, au ministère chargé " +
						"du numérique ou au ministère des Forces armées. L'atelier national de validation doit dégager un consensus.",
					Priority: high, Status: delayed, Progress: 20,
					Start: "2022-06-01", Due: "2023-06-30",
					Reports: []reportData{
						{AsOf: "2026-05-15", Progress: 20, Status: delayed,
							Narrative:    "Trois options de rattachement ont été présentées aux ministères consultés.",
							Difficulties: "Les contributions divergent ; l'arbitrage attend l'atelier national de validation.",
							NextSteps:    "Soumettre la question au consensus de l'atelier."},
					},
				},
				{
					Code: "A2.3", Lead: "ANSSI", Supporting: []string{"MENP", "MATCL"},
					Title: "Adopter le référentiel général de sécurité des systèmes d'information de l'État",
					Description: "Publier les règles minimales de sécurité applicables aux administrations et aux " +
						"établissements publics, avec un guide d'homologation des systèmes.",
					Priority: high, Status: inProgress, Progress: 55,
					Start: "2023-03-01", Due: "2025-12-31", Budget: 80_000_000,
					DependsOn: []string{"A2.1"},
					Reports: []reportData{
						{AsOf: "2026-03-31", Progress: 55, Status: inProgress,
							Narrative:    "Le référentiel est rédigé ; le guide d'homologation est en relecture.",
							Difficulties: "Peu de retours des établissements publics consultés.",
							NextSteps:    "Arrêté de publication du référentiel."},
					},
				},
				{
					Code: "A2.4", Lead: "MATCL", Supporting: []string{"ANSSI", "MENP"},
					Title: "Désigner un responsable de la sécurité des systèmes d'information dans chaque ministère et région",
					Description: "Chaque département ministériel et chaque conseil régional nomme un RSSI formé, " +
						"point de contact de l'ANSSI et du CERT national.",
					Priority: medium, Status: inProgress, Progress: 35,
					Start: "2024-01-01", Due: "2026-12-31", Budget: 40_000_000,
					Indicators: []indicatorData{{
						Name: "Ministères et régions dotés d'un RSSI", Unit: "entités",
						Baseline: 3, Target: 46, TargetDate: "2026-12-31",
						Measurements: []measurementData{
							{At: "2024-12-31", Value: 9, Note: "Recensement de l'ANSSI."},
							{At: "2025-12-31", Value: 17, Note: "Recensement de l'ANSSI."},
						},
					}},
				},
				{
					Code: "A2.5", Lead: "MENP", Supporting: []string{"ANSSI"},
					Title: "Mettre en place le dispositif de suivi-évaluation de la stratégie",
					Description: "Tableau de bord trimestriel des actions et des indicateurs, revue annuelle " +
						"devant le Conseil national de cybersécurité.",
					Priority: low, Status: notStarted, Progress: 0,
					Start: "2026-01-01", Due: "2026-12-31", Budget: 15_000_000,
					DependsOn: []string{"A2.1"},
				},
			},
		},
		{
			Code:   "OS3",
			Pillar: objective.PillarTechnical,
			Title:  "Protéger les infrastructures d'information critiques et renforcer la réponse aux incidents",
			Description: "Disposer d'une capacité nationale de détection, d'alerte et de réponse aux incidents, " +
				"et protéger les systèmes dont dépendent les services essentiels.",
			Indicators: []indicatorData{{
				Name: "Incidents traités par le CERT national", Unit: "incidents",
				Baseline: 120, Target: 1500, TargetDate: "2026-12-31",
				Measurements: []measurementData{
					{At: "2023-12-31", Value: 410, Note: "Rapport d'activité 2023 du CERT national."},
					{At: "2024-12-31", Value: 860, Note: "Rapport d'activité 2024 du CERT national."},
					{At: "2025-12-31", Value: 1240, Note: "Rapport d'activité 2025 du CERT national."},
				},
			}},
			Items: []itemData{
				{
					Code: "A3.1", Lead: "CERT-SN", Supporting: []string{"ANSSI", "ARTP"}, Funding: []string{"UE", "UIT"},
					Title: "Rendre pleinement opérationnel le centre national de réponse aux incidents",
					Description: "Recruter l'équipe, assurer une permanence 24 h sur 24 et obtenir l'accréditation " +
						"auprès du FIRST et de Trusted Introducer.",
					Priority: high, Status: completed, Progress: 100,
					Start: "2022-02-01", Due: "2024-06-30", Budget: 1_200_000_000,
				},
				{
					Code: "A3.2", Lead: "ANSSI", Supporting: []string{"ARTP", "MFAD", "MSI"},
					Title: "Recenser et classer les infrastructures d'information critiques",
					Description: "Établir, avec les ministères de tutelle, la liste classifiée des opérateurs et " +
						"systèmes d'importance vitale dans l'énergie, les télécommunications, la finance, l'eau et la santé.",
					Priority: high, Status: inProgress, Progress: 70,
					Start: "2023-01-01", Due: "2025-09-30", Budget: 90_000_000,
					DependsOn: []string{"A1.3"},
					Reports: []reportData{
						{AsOf: "2026-09-30", Progress: 70, Status: inProgress,
							Narrative:    "Cent douze opérateurs recensés dans cinq secteurs ; la classification est arrêtée pour l'énergie et les télécommunications.",
							Difficulties: "Le secteur de la santé n'a pas encore désigné ses correspondants.",
							NextSteps:    "Classification de la finance, de l'eau et de la santé."},
					},
				},
				{
					Code: "A3.3", Lead: "ANSSI", Supporting: []string{"MENP", "CERT-SN"}, Funding: []string{"UE"},
					Title: "Déployer un centre des opérations de sécurité pour les réseaux de l'État",
					Description: "Superviser en continu l'intranet gouvernemental et les centres de données publics, " +
						"en lien avec le CERT national.",
					Priority: high, Status: inProgress, Progress: 25,
					Start: "2024-06-01", Due: "2026-12-31", Budget: 3_500_000_000,
					DependsOn: []string{"A3.1"},
					Indicators: []indicatorData{{
						Name: "Part des ministères raccordés au centre des opérations de sécurité", Unit: "%",
						Baseline: 0, Target: 100, TargetDate: "2026-12-31",
						Measurements: []measurementData{
							{At: "2025-06-30", Value: 20, Note: "Point d'étape du comité de pilotage."},
							{At: "2025-12-31", Value: 28, Note: "Point d'étape du comité de pilotage."},
							{At: "2026-06-30", Value: 35, Note: "Point d'étape du comité de pilotage."},
						},
					}},
				},
				{
					Code: "A3.4", Lead: "ARTP", Supporting: []string{"CERT-SN", "OPTIC"},
					Title: "Créer des CERT sectoriels pour les télécommunications et la finance",
					Description: "Accompagner les opérateurs et la place bancaire dans la création d'équipes de " +
						"réponse sectorielles, reliées au CERT national.",
					Priority: medium, Status: notStarted, Progress: 0,
					Start: "2025-06-01", Due: "2026-09-30", Budget: 250_000_000,
					DependsOn: []string{"A3.1"},
				},
				{
					Code: "A3.5", Lead: "ARTP", Supporting: []string{"CERT-SN"},
					Title: "Sécuriser le point d'échange Internet et le domaine national de premier niveau",
					Description: "Généraliser la validation des routes (RPKI) et la signature DNSSEC de la zone nationale, " +
						"et diversifier les liaisons internationales.",
					Priority: medium, Status: delayed, Progress: 45,
					Start: "2023-04-01", Due: "2025-03-31", Budget: 120_000_000,
				},
				{
					Code: "A3.6", Lead: "DSC", Supporting: []string{"MJ", "CERT-SN"},
					Title: "Doter la police d'un laboratoire d'investigation numérique pour les enquêtes",
					Description: "Équiper la Division spéciale de cybersécurité pour l'extraction et l'analyse des preuves " +
						"numériques, selon des procédures reconnues par les juridictions.",
					Priority: high, Status: inProgress, Progress: 50,
					Start: "2023-09-01", Due: "2026-03-31", Budget: 650_000_000,
				},
			},
		},
		{
			Code:   "OS4",
			Pillar: objective.PillarCapacityDevelopment,
			Title:  "Développer les compétences et la culture de la cybersécurité",
			Description: "Former les spécialistes dont le pays a besoin, professionnaliser les acteurs de la chaîne " +
				"pénale et sensibiliser les citoyens, les administrations et les entreprises.",
			Indicators: []indicatorData{{
				Name: "Professionnels certifiés en sécurité des systèmes d'information", Unit: "personnes",
				Baseline: 35, Target: 500, TargetDate: "2026-12-31",
				Measurements: []measurementData{
					{At: "2023-12-31", Value: 110, Note: "Enquête annuelle de l'OPTIC et de l'ANSSI."},
					{At: "2024-12-31", Value: 205, Note: "Enquête annuelle de l'OPTIC et de l'ANSSI."},
					{At: "2025-12-31", Value: 290, Note: "Enquête annuelle de l'OPTIC et de l'ANSSI."},
				},
			}},
			Items: []itemData{
				{
					Code: "A4.1", Lead: "MENP", Supporting: []string{"CERT-SN", "OPTIC", "ARTP"},
					Title: "Mener une campagne nationale de sensibilisation à la cybersécurité",
					Description: "Messages en français et en langues nationales à la radio, à la télévision et sur " +
						"les réseaux sociaux, avec un mois de la cybersécurité chaque octobre.",
					Priority: medium, Status: inProgress, Progress: 65,
					Start: "2022-10-01", Due: "2026-12-31", Budget: 180_000_000,
					Indicators: []indicatorData{{
						Name: "Personnes touchées par la campagne de sensibilisation", Unit: "personnes",
						Baseline: 0, Target: 2_000_000, TargetDate: "2026-12-31",
						Measurements: []measurementData{
							{At: "2023-12-31", Value: 350_000, Note: "Mesure d'audience des médias partenaires."},
							{At: "2024-12-31", Value: 900_000, Note: "Mesure d'audience des médias partenaires."},
							{At: "2025-12-31", Value: 1_450_000, Note: "Mesure d'audience des médias partenaires."},
						},
					}},
				},
				{
					Code: "A4.2", Lead: "ESP", Supporting: []string{"ANSSI"}, Funding: []string{"UE"},
					Title: "Ouvrir un master en sécurité des systèmes d'information",
					Description: "Formation diplômante de niveau master, avec des enseignements assurés par des " +
						"praticiens de l'ANSSI et du CERT national. La première promotion est sortie en 2024.",
					Priority: medium, Status: completed, Progress: 100,
					Start: "2022-09-01", Due: "2023-10-31", Budget: 95_000_000,
				},
				{
					Code: "A4.3", Lead: "MJ", Supporting: []string{"MSI", "DSC"}, Funding: []string{"UE"},
					Title: "Former les magistrats et les officiers de police judiciaire à la preuve électronique",
					Description: "Modules de formation initiale et continue à l'École nationale d'administration et de " +
						"magistrature et à l'École nationale de police.",
					Priority: high, Status: inProgress, Progress: 40,
					Start: "2023-01-01", Due: "2025-12-31", Budget: 110_000_000,
					Indicators: []indicatorData{{
						Name: "Magistrats et officiers de police judiciaire formés à la preuve électronique", Unit: "personnes",
						Baseline: 0, Target: 400, TargetDate: "2025-12-31",
						Measurements: []measurementData{
							{At: "2023-12-31", Value: 60, Note: "Registre des formations du ministère de la Justice."},
							{At: "2024-12-31", Value: 150, Note: "Registre des formations du ministère de la Justice."},
							{At: "2025-12-31", Value: 210, Note: "Registre des formations du ministère de la Justice."},
						},
					}},
				},
				{
					Code: "A4.4", Lead: "OPTIC", Supporting: []string{"MENP", "CERT-SN"},
					Title: "Sensibiliser les commerçants et les PME à l'hygiène informatique",
					Description: "Ateliers dans les chambres de commerce régionales et guide pratique des bons réflexes " +
						"face à la fraude au paiement mobile.",
					Priority: low, Status: notStarted, Progress: 0,
					Start: "2026-03-01", Due: "2026-12-31", Budget: 35_000_000,
				},
				{
					Code: "A4.5", Lead: "MENP", Supporting: []string{"ESP"},
					Title: "Intégrer la cybersécurité dans les programmes de l'enseignement secondaire",
					Description: "Action abandonnée en 2024 : elle est reprise dans la stratégie de l'éducation " +
						"numérique, portée par le ministère de l'Éducation nationale.",
					Priority: low, Status: cancelled, Progress: 10,
					Start: "2023-01-01", Due: "2024-12-31",
				},
				{
					Code: "A4.6", Lead: "ANSSI", Supporting: []string{"MFAD", "CERT-SN", "MATCL"},
					Title: "Organiser chaque année un exercice national de gestion de crise cyber",
					Description: "Exercice conjoint des administrations, des opérateurs d'importance vitale et des " +
						"forces de défense et de sécurité, suivi d'un retour d'expérience.",
					Priority: medium, Status: inProgress, Progress: 50,
					Start: "2023-11-01", Due: "2026-12-15", Budget: 75_000_000,
					DependsOn: []string{"A3.1"},
				},
			},
		},
		{
			Code:   "OS5",
			Pillar: objective.PillarCooperation,
			Title:  "Renforcer la coopération régionale et internationale",
			Description: "Inscrire l'action nationale dans les cadres de la CEDEAO, de l'Union africaine et des " +
				"Nations unies, et faciliter l'entraide face à une menace sans frontières.",
			Indicators: []indicatorData{{
				Name: "Score du pays au pilier coopération de l'indice mondial de cybersécurité (UIT)", Unit: "points sur 20",
				Baseline: 11.5, Target: 18, TargetDate: "2026-12-31",
				Measurements: []measurementData{
					{At: "2021-06-29", Value: 11.5, Note: "Indice mondial de cybersécurité 2020, publié en 2021."},
					{At: "2024-09-12", Value: 15.3, Note: "Indice mondial de cybersécurité 2024."},
				},
			}},
			Items: []itemData{
				{
					Code: "A5.1", Lead: "MJ", Supporting: []string{"MENP", "MSI"},
					Title: "Adhérer au deuxième protocole additionnel à la Convention de Budapest",
					Description: "Mener la procédure d'adhésion au protocole sur la coopération renforcée et la " +
						"divulgation de preuves électroniques.",
					Priority: medium, Status: inProgress, Progress: 80,
					Start: "2022-05-01", Due: "2024-12-31", Budget: 10_000_000,
					DependsOn: []string{"A1.1"},
				},
				{
					Code: "A5.2", Lead: "CERT-SN", Supporting: []string{"ANSSI"}, Funding: []string{"CEDEAO", "UE"},
					Title: "Participer au réseau des CERT de l'espace CEDEAO",
					Description: "Échanger les indicateurs de compromission et coordonner la réponse aux incidents " +
						"transfrontaliers avec les CERT de la région.",
					Priority: medium, Status: inProgress, Progress: 60,
					Start: "2022-06-01", Due: "2026-12-31", Budget: 55_000_000,
					DependsOn: []string{"A3.1"},
				},
				{
					Code: "A5.3", Lead: "MSI", Supporting: []string{"MJ", "DSC"},
					Title: "Conclure des accords d'entraide policière et judiciaire en matière de cybercriminalité",
					Description: "Négocier avec les pays voisins et les principaux fournisseurs de services en ligne " +
						"des procédures rapides de réquisition et de conservation des données.",
					Priority: medium, Status: delayed, Progress: 15,
					Start: "2023-01-01", Due: "2025-06-30", Budget: 25_000_000,
				},
				{
					Code: "A5.4", Lead: "ARTP", Supporting: []string{"UIT", "MENP"}, Funding: []string{"UIT"},
					Title: "Accueillir l'atelier régional de l'UIT sur l'évaluation de la maturité en cybersécurité",
					Description: "Atelier de quatre jours réunissant les régulateurs et les CERT de quinze pays " +
						"d'Afrique de l'Ouest autour de l'indice mondial de cybersécurité.",
					Priority: low, Status: completed, Progress: 100,
					Start: "2023-02-01", Due: "2023-05-31", Budget: 40_000_000,
				},
			},
		},
		{
			Code:   "OS6",
			Pillar: objective.PillarTechnical,
			Title:  "Sécuriser l'administration électronique et instaurer la confiance numérique",
			Description: "Protéger les services publics en ligne, l'identité numérique et les données des usagers, " +
				"y compris dans les collectivités territoriales.",
			Items: []itemData{
				{
					Code: "A6.1", Lead: "ANSSI", Supporting: []string{"MENP", "MATCL"},
					Title: "Sécuriser les plateformes de l'administration électronique et l'identité numérique",
					Description: "Homologuer les téléservices de l'État et la plateforme d'identité numérique " +
						"avant leur ouverture au public.",
					Priority: high, Status: inProgress, Progress: 30,
					Start: "2024-01-01", Due: "2026-12-31", Budget: 2_000_000_000,
					DependsOn: []string{"A2.3"},
				},
				{
					Code: "A6.2", Lead: "MATCL", Supporting: []string{"MENP", "ARTP"},
					Title: "Raccorder les collectivités territoriales au réseau sécurisé de l'État",
					Description: "Étendre l'intranet gouvernemental aux chefs-lieux de région et de département, " +
						"avec un chiffrement de bout en bout.",
					Priority: medium, Status: delayed, Progress: 25,
					Start: "2023-06-01", Due: "2025-12-31", Budget: 1_500_000_000,
				},
				{
					Code: "A6.3", Lead: "CDP", Supporting: []string{"ANSSI"},
					Title: "Contrôler la conformité des traitements de données à caractère personnel des administrations",
					Description: "Programme annuel de contrôles sur place et sur pièces, en priorité sur les fichiers " +
						"d'état civil, de santé et d'identité.",
					Priority: medium, Status: notStarted, Progress: 0,
					Start: "2026-01-01", Due: "2026-12-31",
					DependsOn: []string{"A1.2"},
				},
			},
		},
	},
}

// previousStrategy is the first strategy, adopted in 2017 and still the one in
// force while its successor is finalised: what the public can read.
var previousStrategy = strategyData{
	Title:     "Stratégie nationale de cybersécurité 2017-2021",
	StartYear: 2017,
	EndYear:   2021,
	Status:    strategy.StatusAdopted,
	Owner:     "MENP",
	Summary: "Première stratégie nationale de cybersécurité : poser le cadre institutionnel et juridique " +
		"de la sécurité du cyberespace national.",
	Objectives: []objectiveData{
		{
			Code:        "OS1",
			Pillar:      objective.PillarOrganisational,
			Title:       "Mettre en place le cadre institutionnel de la cybersécurité",
			Description: "Créer les premières structures nationales chargées de la sécurité des systèmes d'information.",
			Indicators: []indicatorData{{
				Name: "Incidents signalés au point de contact national", Unit: "incidents",
				Baseline: 0, Target: 200, TargetDate: "2021-12-31",
				Measurements: []measurementData{
					{At: "2019-12-31", Value: 45, Note: "Bilan du point de contact de l'ARTP."},
					{At: "2021-12-31", Value: 120, Note: "Bilan du point de contact de l'ARTP."},
				},
			}},
			Items: []itemData{
				{
					Code: "A1.1", Lead: "MENP", Supporting: []string{"MFAD", "MSI"},
					Title: "Créer la Commission nationale de cybersécurité",
					Description: "Instance de concertation réunissant les ministères concernés, le régulateur et " +
						"le secteur privé. Elle a tenu sa première réunion en juin 2018.",
					Priority: high, Status: completed, Progress: 100,
					Start: "2017-03-01", Due: "2018-06-30", Budget: 15_000_000,
				},
				{
					Code: "A1.2", Lead: "ARTP", Supporting: []string{"MENP"}, Funding: []string{"UIT"},
					Title: "Préfigurer le CERT national au sein de l'autorité de régulation",
					Description: "Ouvrir un point de contact national pour le signalement des incidents, " +
						"en attendant la création d'un CERT autonome.",
					Priority: high, Status: completed, Progress: 100,
					Start: "2018-01-01", Due: "2020-12-31", Budget: 300_000_000,
					DependsOn: []string{"A1.1"},
				},
			},
		},
		{
			Code:        "OS2",
			Pillar:      objective.PillarLegal,
			Title:       "Adapter le droit pénal et la procédure pénale au numérique",
			Description: "Compléter le code pénal et le code de procédure pénale pour réprimer les infractions informatiques.",
			Items: []itemData{
				{
					Code: "A2.1", Lead: "MJ", Supporting: []string{"MENP"},
					Title: "Adopter les dispositions pénales relatives à la cybercriminalité",
					Description: "Incriminer l'accès frauduleux, l'atteinte aux systèmes et aux données " +
						"et la fraude informatique dans le code pénal.",
					Priority: high, Status: completed, Progress: 100,
					Start: "2017-06-01", Due: "2019-06-30", Budget: 20_000_000,
				},
				{
					Code: "A2.2", Lead: "MJ", Supporting: []string{"MSI"},
					Title: "Sensibiliser les acteurs de la chaîne pénale à la cybercriminalité",
					Description: "Séminaires régionaux pour les magistrats, les greffiers et les enquêteurs. " +
						"Quatre des quatorze régions restaient à couvrir à la fin de la période.",
					Priority: medium, Status: inProgress, Progress: 70,
					Start: "2019-01-01", Due: "2021-12-31", Budget: 30_000_000,
					DependsOn: []string{"A2.1"},
				},
			},
		},
	},
}
