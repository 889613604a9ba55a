"""Phrase banks for synthetic audit reports, written for this generator (independent of any training data).

Slots: ``{n}`` workers affected, ``{m}`` workers interviewed, ``{ni}`` interviewed workers affected, ``{room}`` persons per dormitory room, ``{fee}`` an amount with its currency, ``{hours}``
weekly hours, ``{days}`` consecutive days without rest, ``{delay}`` days wages were late, ``{origin}`` where
migrant workers come from, ``{agent}`` a recruiter, ``{site}`` the site's short name.

Per indicator: ``present`` sentences (it happened), ``remediated`` (it happened and was put right), ``negated``
(checked, not found), ``policy`` (a policy statement, not evidence either way), clause forms for compound
sentences, NC wording and corrective actions. Voices vary on purpose: auditor, worker interview, management,
passive, terse table style, and non-native English.
"""

from __future__ import annotations

#: Phrases of one indicator that, by the tagger corpus's labelling rules (``data/tagger/README.md``), also evidence
#: another: (a fragment that identifies the phrase, the other indicator). A debt taken on to pay for the job is also
#: a recruitment fee; a threat to a worker's job or visa is also intimidation. The truth counts both.
ALSO_EVIDENCES: list[tuple[str, str]] = [
    ("to pay for their recruitment", "recruitment_fees"),
    ("incurred for their job", "recruitment_fees"),
    ("from the agent to come here", "recruitment_fees"),
    ("threatened her job when she refused", "intimidation_threats"),
    ("would cancel their visa if they complained", "intimidation_threats"),
]

BANK: dict[str, dict[str, list[str]]] = {
    "recruitment_fees": {
        "present": [
            "{ni} of the {m} migrant workers interviewed stated that they paid recruitment fees of {fee} to {agent} before departure from {origin}.",
            "Interviewed workers from {origin} reported having paid between {fee} and more to {agent} to secure their job at the factory.",
            "Review of the recruitment records and worker interviews showed that workers bore the cost of their recruitment, approximately {fee} per worker.",
            "Workers said they had to pay {fee} to the agent in {origin} for the job, visa and medical check, and some borrowed this money from relatives.",
            "It was noted that {n} foreign workers had been charged a placement fee of {fee}, which was not reimbursed by the employer.",
            "Worker told that he pay {fee} to agent in home country for get this job, and the agent give no receipt.",
            "According to the workers interviewed, the levy and processing charges ({fee}) were deducted from their first wages, meaning workers paid for their own recruitment.",
            "Fees amounting to {fee} per person were paid by the workers to {agent}; management was not aware of the amounts charged.",
            "Recruitment fee: {n} workers paid {fee} each to the sending agency.",
            "The auditor found that the service charge paid by workers to {agent}, about {fee}, had not been refunded by the facility.",
        ],
        "remediated": [
            "Workers had paid recruitment fees of {fee} to {agent}; the factory has since reimbursed all {n} affected workers, and payment slips were reviewed.",
            "Following the previous audit, the company repaid the recruitment fees ({fee} per worker) that {n} migrant workers had paid, with evidence of bank transfers seen.",
            "Fees previously charged to workers by the agent (around {fee}) have been fully refunded by the employer and the agency contract now states a zero-fee policy.",
        ],
        "negated": [
            "No evidence of recruitment fees being paid by workers was found.",
            "All migrant workers interviewed confirmed they did not pay any fees or costs for their recruitment.",
            "The employer bears all recruitment costs, including visa, medical examination and air tickets, as verified in invoices from the agency.",
            "Workers interviewed said that they had not paid anything to get the job.",
            "There were no recruitment or placement fees charged to workers, according to interviews and document review.",
            "No worker reported paying any money to an agent or to the factory for their employment.",
        ],
        "policy": [
            "The company has an ethical recruitment policy which states that no worker shall pay for their employment.",
            "A zero recruitment fee commitment was signed by the management in the current year.",
        ],
        "present_clause": [
            "{ni} workers reported that they had paid {fee} to {agent} before arrival",
            "several migrant workers said that they paid the agent about {fee} for the job",
        ],
        "negated_clause": [
            "no worker reported paying recruitment fees",
            "workers did not pay any fee to get their job",
        ],
        "nc": [
            "Migrant workers paid recruitment fees of {fee} to {agent}; the costs were not borne by the employer.",
            "Workers were charged recruitment and placement fees by the labour agent ({fee}).",
            "Recruitment fees paid by {n} workers have not been reimbursed.",
        ],
        "ca": [
            "Reimburse all recruitment fees paid by workers and adopt the Employer Pays Principle in agency contracts.",
            "Conduct a fee survey of all migrant workers and repay the amounts identified within the agreed time frame.",
        ],
    },
    "retention_of_identity_documents": {
        "present": [
            "Passports of {n} foreign workers were found kept in the HR office, and workers stated they must request them in writing.",
            "During the site tour the auditor observed a locked cabinet in the admin office holding the passports of migrant workers.",
            "Workers said the company keeps their passport and they cannot take it back when they want.",
            "Identity documents of the workers were retained by {agent}, and workers did not have access to them.",
            "Management confirmed that original passports are held 'for safekeeping' and are only returned when the worker resigns.",
            "Worker passports was keep by the supervisor; worker need to ask and wait 2 or 3 days to get.",
            "Original identity cards of {n} workers were collected on joining and had not been returned at the time of the audit.",
        ],
        "remediated": [
            "Passports that were previously held by the company have been returned to all {n} workers, and individual lockers with personal keys were installed.",
            "At the last audit the employer retained workers' passports; this practice has stopped, and every worker interviewed now keeps his or her own passport.",
        ],
        "negated": [
            "Passports are held by the workers themselves.",
            "Workers keep their own passports and identity documents; personal lockers are provided in the dormitory.",
            "No evidence was found that the company retains original identity documents of any worker.",
            "All interviewed workers confirmed they have their passport in their possession.",
            "Only photocopies of identity cards are kept in the personnel files; originals are returned the same day.",
            "The facility does not hold any original personal documents of employees.",
        ],
        "policy": [
            "The HR procedure states that the company shall not keep original identity documents of workers.",
        ],
        "present_clause": [
            "the passports of {n} workers were kept by the company",
            "workers could not get their passports back from the office",
        ],
        "negated_clause": [
            "workers keep their own passports",
            "no original identity documents were held by management",
        ],
        "nc": [
            "Original passports of migrant workers are retained by the employer.",
            "The facility keeps identity documents of {n} workers, and workers have no free access to them.",
        ],
        "ca": [
            "Return all passports to workers immediately and provide lockable personal storage.",
            "Stop retaining identity documents and train HR staff on the document policy.",
        ],
    },
    "deception": {
        "present": [
            "Workers stated that the wage and type of work promised by the agent in {origin} were different from what they found on arrival.",
            "Several workers reported that they were promised a monthly salary higher than what they actually receive, and that the contract signed in {origin} was replaced after arrival.",
            "{ni} workers said they signed their employment contract only after arriving, in a language they do not understand.",
            "Interviewed workers explained the agent told them overtime would be optional and housing free, but rent is deducted from wages.",
            "Contract substitution was identified: the contract in the workers' files differs from the one signed in the home country.",
            "They was told the job is in packing with good salary but they are put in the production line with lower salary.",
        ],
        "remediated": [
            "Contracts previously provided only in English have been translated and re-signed, and the wage difference promised by the agent was paid to {n} workers.",
        ],
        "negated": [
            "Workers confirmed that the terms and conditions explained before recruitment matched their actual job and wages.",
            "Employment contracts were provided in the workers' native language and a copy was kept by each worker.",
            "No contract substitution was found; contracts signed in the home country matched those on file.",
            "Interviewed workers understood their contract terms, and none reported being misled about the job.",
        ],
        "policy": ["The recruitment procedure requires job offers to be explained in the worker's own language."],
        "present_clause": [
            "the wages promised by the agent were higher than what workers receive",
            "contracts signed in {origin} were replaced with new ones after arrival",
        ],
        "negated_clause": [
            "contracts were given in the workers' own language",
            "no worker reported being misled about the job",
        ],
        "nc": [
            "Workers were misled by the recruitment agent about wages and working conditions.",
            "Contract substitution: contracts signed before departure were replaced on arrival.",
        ],
        "ca": ["Issue contracts in the workers' language before departure and pay any shortfall against the promised wage."],
    },
    "restriction_of_movement": {
        "present": [
            "Workers living in the dormitory are not allowed to leave the premises outside working hours without written permission from the supervisor.",
            "Security guards were observed locking the dormitory gate at 9 pm; workers said they cannot go out on their rest day.",
            "Workers reported that they need a gate pass signed by the manager to leave the factory during breaks and on Sundays.",
            "The dormitory is inside the factory compound and the only gate is locked at night, so workers cannot leave freely.",
            "Worker said they cannot go outside alone, must go with the supervisor in company bus on Sunday only.",
        ],
        "remediated": [
            "The curfew and gate pass system for dormitory residents were abolished during the audit period and workers confirmed they can now leave freely.",
        ],
        "negated": [
            "Workers are free to leave the premises after their shift and on rest days.",
            "There were no restrictions on workers' freedom of movement, and the dormitory gate remains open.",
            "Interviewed workers confirmed they can come and go from the dormitory at any time.",
            "Workers are free to resign with the notice period in the contract, and no penalties were seen.",
        ],
        "policy": ["The handbook states that workers are free to leave the workplace at the end of their shift."],
        "present_clause": [
            "workers need permission to leave the dormitory",
            "the dormitory gate is locked at night",
        ],
        "negated_clause": ["workers can leave the site freely", "movement of workers was not restricted"],
        "nc": [
            "Dormitory residents' movement is restricted by a curfew and gate-pass system.",
            "Workers are not free to leave the premises outside working hours.",
        ],
        "ca": ["Remove the curfew and gate-pass requirement and communicate the change to all residents."],
    },
    "isolation": {
        "present": [
            "The worker hostel is located on a remote plantation with no public transport, and workers can only travel to town on the monthly company lorry.",
            "Workers said they have no phone signal at the accommodation and are not able to contact their families.",
            "Workers are housed at an isolated site two hours from the nearest town, with no means to leave on their own.",
            "Mobile phones of the workers are collected on arrival at the hostel and returned only on Sundays.",
        ],
        "remediated": [
            "Workers were previously unable to contact family from the remote camp; a free shuttle bus and Wi-Fi have since been provided.",
        ],
        "negated": [
            "Workers have mobile phones and can contact their families at any time.",
            "The accommodation is located in town near public transport and shops.",
            "No isolation of workers was noted; they can meet visitors outside the dormitory and use their phones.",
        ],
        "policy": [],
        "present_clause": ["workers cannot contact their families from the hostel"],
        "negated_clause": ["workers can use their phones freely"],
        "nc": ["Workers are housed in an isolated location without means to leave or communicate."],
        "ca": ["Provide free transport to town and communication access for all resident workers."],
    },
    "abuse_of_vulnerability": {
        "present": [
            "Migrant workers without valid work permits are employed, and workers said the supervisor reminds them that they could be reported to immigration.",
            "{n} workers whose visas had expired were still working; they stated they were afraid to complain because of their status.",
            "Workers from {origin} who do not speak the local language depend entirely on the supervisor for all information about wages and rules.",
            "Undocumented workers were employed at lower pay than local staff and told not to speak to outsiders.",
        ],
        "remediated": [
            "Work permits of {n} workers had expired; the company has renewed all permits at its own cost and confirmed this with immigration records.",
        ],
        "negated": [
            "All foreign workers hold valid work permits, as verified on site.",
            "Workers have valid documents and none reported fear of dismissal or of being reported to authorities.",
            "No evidence was found that workers' vulnerable status is used to control them.",
        ],
        "policy": [],
        "present_clause": ["workers without valid permits were warned they could be reported"],
        "negated_clause": ["all foreign workers had valid permits"],
        "nc": ["Workers with expired permits are employed and their irregular status is used to discourage complaints."],
        "ca": ["Regularise all workers' legal status at the employer's cost and stop any threat linked to status."],
    },
    "physical_sexual_violence": {
        "present": [
            "Two workers reported that a line leader slapped a worker who made a mistake in the sewing section.",
            "{ni} female workers stated that a supervisor touched them inappropriately and made sexual comments.",
            "Workers described being pushed and hit by a security guard when they arrived late at the gate.",
            "Worker said supervisor sometime hit the head of worker when the output is not enough.",
        ],
        "remediated": [
            "A supervisor who had physically assaulted a worker was dismissed after the internal investigation, and anti-harassment training has been delivered to all line leaders.",
        ],
        "negated": [
            "No worker reported physical abuse or sexual harassment.",
            "There was no evidence of corporal punishment or physical violence at the site.",
            "Workers interviewed felt safe and said supervisors do not shout at or hit workers.",
            "No cases of sexual harassment were reported through the grievance channel or in interviews.",
        ],
        "policy": ["An anti-harassment and anti-abuse policy is displayed on the notice boards in three languages."],
        "present_clause": ["a supervisor hit workers who made mistakes"],
        "negated_clause": ["no worker reported physical abuse"],
        "nc": ["Physical abuse of workers by a line supervisor was reported.", "Sexual harassment of female workers by a supervisor was reported in interviews."],
        "ca": ["Investigate the cases, discipline the persons responsible and train all supervisors on respectful treatment."],
    },
    "intimidation_threats": {
        "present": [
            "Workers said the supervisor threatens to send them back to {origin} if they refuse overtime.",
            "{ni} workers reported that management threatened to withhold their bonus if they talked to the auditors.",
            "Workers stated that they were warned they would be fined or dismissed if they joined a union.",
            "Supervisors were heard shouting at workers and threatening to cut their pay during the floor walk.",
            "Worker afraid to speak, said the manager told them if they complain they will be deported.",
        ],
        "remediated": [
            "Threats of dismissal made by a production manager were investigated; the manager received a final warning and workers confirmed the behaviour stopped.",
        ],
        "negated": [
            "No threats or intimidation against workers were reported.",
            "No worker reported being threatened or warned by supervisors.",
            "Workers interviewed were not afraid to raise concerns, and no one reported being threatened by management.",
        ],
        "policy": ["The disciplinary procedure forbids threats, verbal abuse and collective punishment."],
        "present_clause": ["workers were threatened with deportation if they refused overtime"],
        "negated_clause": ["no worker reported threats from supervisors"],
        "nc": ["Workers are threatened with dismissal or deportation to force them to work overtime."],
        "ca": ["Issue a written prohibition of threats, set up an anonymous grievance channel and monitor it monthly."],
    },
    "withholding_of_wages": {
        "present": [
            "Wages for the month of {month} were paid {delay} days late, as seen in the bank transfer records.",
            "Workers reported that their salary is regularly delayed by up to {delay} days.",
            "The company keeps one month of wages as a deposit, which is paid only when the worker completes the contract.",
            "{n} workers had not received their wages for the last two months at the time of the audit.",
            "Final wages of resigned workers were withheld for {delay} days and some had not been paid at all.",
            "Salary of worker is paid late, around {delay} days after end of month, and sometimes in two parts.",
        ],
        "remediated": [
            "Wages of {month} had been paid {delay} days late; the factory has since paid all arrears and changed the pay date to the 7th of each month.",
            "The security deposit withheld from {n} workers' wages was returned in full before the follow-up audit.",
        ],
        "negated": [
            "Wages were paid on time, in full, on the 7th of each month, as verified in the payroll and bank records.",
            "No delay in wage payment was found for the sampled months.",
            "Workers confirmed they receive their salary on time every month.",
            "Payroll records for the three sampled months showed wages paid within the legal time limit.",
        ],
        "policy": [],
        "present_clause": ["wages were paid {delay} days late", "salaries were delayed by up to {delay} days"],
        "negated_clause": ["wages are paid on time", "no late wage payments were seen"],
        "nc": ["Wages are paid {delay} days after the legal due date.", "The employer withholds wages as a deposit."],
        "ca": ["Pay wages on time every month and pay all outstanding arrears to the workers."],
    },
    "debt_bondage": {
        "present": [
            "Workers took loans of about {fee} from {agent} to pay for their recruitment and repay them through monthly wage deductions.",
            "Company advances of {fee} are deducted from wages in instalments, and workers cannot resign until the loan is repaid.",
            "{n} workers are still repaying debts of {fee} incurred for their job, which takes most of their monthly salary.",
            "Worker borrowed {fee} from the agent to come here and now half the salary go to pay back the debt.",
        ],
        "remediated": [
            "Deductions for worker loans of about {fee} have been stopped, and the remaining debts of {n} workers were written off by the company.",
        ],
        "negated": [
            "There is no evidence of debt bondage; workers do not owe money to the company or its agents.",
            "No wage deductions for loans or advances were found in the payroll.",
            "Workers confirmed that they did not take any loan to get the job.",
        ],
        "policy": [],
        "present_clause": ["workers are repaying loans of {fee} through wage deductions"],
        "negated_clause": ["workers do not owe money to the company"],
        "nc": ["Workers are bound by debts of {fee} repaid through wage deductions."],
        "ca": ["Stop all loan deductions and cancel outstanding worker debts linked to recruitment."],
    },
    "abusive_working_living_conditions": {
        "present": [
            "The dormitory rooms house up to {room} workers each, with no ventilation, and the toilets were broken and dirty.",
            "Workers sleep on mats on the floor in an overcrowded hostel with one toilet for more than 40 persons.",
            "The accommodation was found in a very poor state: leaking roof, exposed electrical wiring and no drinking water.",
            "Drinking water was not available on the production floor and workers said they must buy water themselves.",
            "The dormitory is very crowded and hot, worker said 16 persons sleep in one small room.",
        ],
        "remediated": [
            "The hostel was overcrowded at the previous audit; the company has moved {n} workers to a new building with adequate space and sanitation.",
        ],
        "negated": [
            "The dormitory was clean, with adequate space, ventilation and separate toilets for male and female residents.",
            "Living conditions in the worker housing met legal requirements, with no overcrowding observed.",
            "Accommodation provided is in good condition, and workers expressed satisfaction with it.",
        ],
        "policy": [],
        "present_clause": ["the dormitory was overcrowded and unsanitary"],
        "negated_clause": ["the dormitory met legal standards"],
        "nc": ["Worker accommodation is overcrowded and unsanitary.", "Living quarters lack safe drinking water, ventilation and sufficient toilets."],
        "ca": ["Reduce occupancy to the legal limit, repair sanitation and provide drinking water."],
    },
    "excessive_overtime": {
        "present": [
            "Time records showed that workers worked up to {hours} hours per week in the peak season.",
            "Weekly working hours reached {hours} hours, exceeding the legal limit and the 60-hour limit of the code.",
            "Workers worked {days} consecutive days without a rest day during the sampled period.",
            "Review of attendance records showed regular overtime, with total hours of {hours} per week for {n} workers.",
            "Workers said they work every day from 8 am to 10 pm before shipment, around {hours} hours a week.",
            "Overtime hours reached {hours} per week in the peak month, according to the attendance records.",
            "Worker work seven days every week in high season, sometime {days} days without day off.",
        ],
        "remediated": [
            "Working hours had exceeded {hours} per week in the previous period; a new production plan has reduced them to below 60 hours, as confirmed by the last three months of records.",
        ],
        "negated": [
            "Working hours were within the legal limit, and workers received at least one day off in seven.",
            "Records showed no week above 60 hours, and overtime was voluntary.",
            "Workers confirmed that overtime is voluntary and they can refuse it without penalty.",
            "Total weekly hours did not exceed 60 in the sampled records, and rest days were given.",
        ],
        "policy": ["The working hours policy limits overtime to 12 hours per week and requires one rest day per week."],
        "present_clause": ["workers worked up to {hours} hours per week", "workers had no rest day for {days} days"],
        "negated_clause": ["overtime was voluntary", "workers had one day off every week"],
        "nc": ["Working hours exceed {hours} per week, above the legal limit.", "Workers worked {days} consecutive days without a rest day."],
        "ca": ["Plan production to keep total hours within 60 per week and ensure one rest day in seven."],
    },
}

# Compound sentences: one negated and one present clause (the two belong to different indicators).
COMPOUND = [
    "{neg_cap}; however, {pres}.",
    "Although {neg}, {pres}.",
    "{neg_cap}, but {pres}.",
    "While {neg}, the auditor noted that {pres}.",
    "Interviews showed that {neg}, but also that {pres}.",
]

# Introductions that wrap a present/negated sentence in another voice (applied to some sentences).
FRAMES = [
    "{s}",
    "{s}",
    "{s}",
    "Worker interviews: {s}",
    "In the interviews, {s_low}",
    "Based on document review and interviews, {s_low}",
    "It was observed that {s_low}",
    "The auditor noted the following: {s}",
]

AGENTS = ["the recruitment agent", "a sub-agent in {origin}", "the labour supplier", "a broker in {origin}",
          "the sending agency", "local middlemen"]

ROUTINE: dict[str, list[str]] = {
    "management": [
        "The facility has appointed a compliance manager who reports directly to the general manager.",
        "A social compliance policy covering the code of conduct was signed by the managing director.",
        "Internal audits are carried out twice a year and the results are discussed in management review meetings.",
        "The grievance mechanism includes suggestion boxes, a hotline and a workers' committee that meets monthly.",
        "Legal permits, including the business licence and factory registration, were valid at the time of the audit.",
        "Suppliers are required to sign the code of conduct, but no assessment of their compliance has been done.",
        "A risk assessment for social compliance was prepared and updated in the last twelve months.",
        "Training records showed that new employees receive an induction on company rules, wages and safety.",
    ],
    "employment": [
        "The site recruits workers directly and through one licensed recruitment agency.",
        "Personnel files contained the application form, a photograph, training records and a signed contract.",
        "The HR department keeps personnel files in a locked cabinet in the HR office.",
        "Migrant workers attend a pre-departure orientation and an induction session after arrival.",
        "The recruitment agency agreement was reviewed and is renewed every two years.",
    ],
    "foa": [
        "A workers' committee was elected by secret ballot and minutes of its meetings were available.",
        "There is no trade union at the facility; workers interviewed were aware of their right to join one.",
        "A collective bargaining agreement signed with the union is valid until next year.",
        "Worker representatives participate in the health and safety committee.",
    ],
    "hs": [
        "Fire extinguishers were inspected monthly and the inspection tags were up to date.",
        "Emergency exits were clearly marked, unobstructed and fitted with panic bars.",
        "Fire drills are conducted every six months; the last drill was recorded with an evacuation time of four minutes.",
        "First aid boxes were available in each production area and trained first aiders were on every shift.",
        "Chemicals were stored in a ventilated area with secondary containment and safety data sheets in the local language.",
        "Machine guards were installed on sewing machines and needle guards were in place.",
        "Workers in the cutting section wore metal mesh gloves as required.",
        "Noise monitoring was done last year and ear plugs were provided in the high-noise areas.",
        "The boiler and compressor had valid inspection certificates from the authority.",
        "Lighting levels were measured and found adequate at the workstations sampled.",
        "Electrical panels were kept closed and had rubber mats in front of them.",
        "The canteen was clean and a valid food hygiene certificate was displayed.",
        "Lux levels at the inspection tables were measured during the visit and met the internal standard.",
        "Personal protective equipment is provided free of charge and replaced when worn.",
        "Evacuation plans were posted at the entrance of each floor.",
    ],
    "housing": [
        "The dormitory is a three-storey building located within walking distance of the factory.",
        "Male and female residents are housed on separate floors, with a warden on duty.",
        "The dormitory has a common kitchen, a laundry area and a television room.",
        "The fire-fighting equipment in the dormitory was checked and found in working order.",
    ],
    "child": [
        "No child labour was found; the youngest worker on site was 19 years old.",
        "Age verification is done by checking the original identity card at recruitment.",
        "Young workers are not employed at the facility, as confirmed in the personnel records.",
        "The age verification procedure requires two forms of identification.",
    ],
    "wages": [
        "The legal minimum wage is {cur} {minwage} per month, and the lowest wage paid in the sampled payroll was above it.",
        "Overtime premiums of 150% on normal days and 200% on rest days were correctly calculated in the sampled payroll.",
        "Pay slips show basic wage, overtime, allowances and deductions, and are given to each worker.",
        "Social security contributions were paid for all workers, as verified with the receipts for the last quarter.",
        "Annual leave and public holidays are paid according to the law.",
        "Payroll records for three months were sampled, covering {m} workers.",
        "Attendance bonus and skill allowance are paid in addition to the basic wage.",
    ],
    "hours": [
        "The regular working hours are from 8:00 to 17:00 with a one-hour lunch break, Monday to Saturday.",
        "Time is recorded with a fingerprint system and records are kept for two years.",
        "Shift changes are announced on the notice board one week in advance.",
        "The time recording terminals are located at the main entrance and at the canteen.",
    ],
    "discrimination": [
        "Recruitment advertisements do not mention gender, age or religion.",
        "Female workers are entitled to maternity leave and benefits according to the law.",
        "No discrimination in wages between local and foreign workers was found for the same job.",
        "Pregnancy tests are not required as part of recruitment.",
    ],
    "regular_employment": [
        "All workers have written employment contracts that state wages, hours and benefits.",
        "Probation periods do not exceed three months, as provided in the law.",
        "Agency workers are employed by the agency and work under the same conditions as direct workers.",
        "Temporary contracts are used only for seasonal peaks and are limited to six months.",
    ],
    "subcontracting": [
        "The factory stated that it does not use subcontractors or home workers for production.",
        "Embroidery is subcontracted to one local supplier, and the order records were reviewed.",
    ],
    "treatment": [
        "The disciplinary procedure is progressive, from a verbal warning to a final written warning.",
        "Disciplinary records for the last six months showed four written warnings, all with the worker's signature.",
        "Disciplinary decisions are reviewed by the HR manager before they are issued.",
    ],
    "environment": [
        "The site holds a valid environmental permit and wastewater is treated before discharge.",
        "Hazardous waste is collected by a licensed contractor, and manifests were available.",
        "Energy and water consumption are recorded monthly, with a reduction target for next year.",
        "Air emission monitoring reports from the last year were within the legal limits.",
        "Scrap fabric is sold to a licensed recycler and the records were reviewed.",
    ],
    "ethics": [
        "The company has an anti-bribery policy that is communicated to all staff and suppliers.",
        "No gifts or hospitality were offered to the audit team.",
        "Records provided were consistent, and no evidence of double books was found.",
    ],
}

GOOD_PRACTICE = [
    "Good practice: the factory provides free health check-ups for all workers once a year.",
    "Good practice: a day-care centre is available for workers' children at no cost.",
    "Good practice: worker representatives are trained on grievance handling by an external organisation.",
    "Good practice: a savings scheme is offered, with the company matching worker contributions.",
    "Good practice: the site offers literacy classes in the evening, on a voluntary basis.",
    "Good practice: the canteen provides subsidised meals three times a day.",
]

ROUTINE_NC: dict[str, list[tuple[str, str]]] = {
    "hs": [
        ("Two fire extinguishers on the second floor were blocked by stacked cartons.",
         "Keep fire-fighting equipment accessible at all times and check it during the daily walk."),
        ("Some first aid boxes were missing items listed in the content checklist.",
         "Refill first aid boxes and assign a person to check them weekly."),
        ("Chemical containers in the printing section were not labelled.", "Label all chemical containers and train workers on hazard symbols."),
        ("Workers in the finishing area were not wearing the hearing protection provided.",
         "Enforce the use of hearing protection and repeat the training."),
        ("An emergency exit door on the ground floor was locked during working hours.",
         "Keep all emergency exits unlocked while workers are on site."),
        ("The eye wash station in the chemical store was not working.", "Repair the eye wash station and test it weekly."),
    ],
    "wages": [
        ("Overtime premium on public holidays was calculated at 200% instead of the 300% required by law.",
         "Recalculate and pay the difference to the affected workers."),
        ("Pay slips do not show the overtime hours worked.", "Revise the pay slip format to show hours and rates."),
        ("Annual leave not taken was not paid out at the end of the year for three sampled workers.",
         "Pay the untaken leave and add a year-end leave check to the payroll procedure."),
        ("Social security registration of four new workers was done two months after joining.",
         "Register new workers within the legal time limit."),
    ],
    "management": [
        ("The grievance box was not opened regularly and no records of grievances were kept.",
         "Open grievance boxes weekly and keep a log of actions taken."),
        ("The social compliance policy was not communicated to subcontractors.",
         "Share the policy with all subcontractors and obtain signed acknowledgements."),
        ("The internal audit of the last year did not cover the warehouse and the canteen.",
         "Extend the internal audit scope to all areas of the site."),
        ("Training records for the health and safety committee members were incomplete.",
         "Complete the training and keep signed attendance records."),
    ],
    "environment": [
        ("The hazardous waste storage area had no secondary containment.", "Build secondary containment and a roof for the storage area."),
        ("The wastewater test report for the last quarter was not available.", "Test wastewater quarterly and keep the reports on file."),
        ("Used oil drums were stored on bare ground behind the generator room.", "Move the drums onto a bunded, roofed area."),
        ("The environmental permit renewal was submitted after the expiry date.", "Track permit expiry dates and apply at least three months ahead."),
    ],
    "regular_employment": [
        ("Five workers had no signed copy of their employment contract.", "Give every worker a signed copy of the contract."),
        ("Probation was extended beyond three months for two workers without a written reason.",
         "Limit probation to the legal maximum and record any extension in writing."),
        ("The contracts of agency workers on site were not available for review.",
         "Keep copies of agency workers' contracts on site."),
    ],
}

METHOD = {
    "interviewed": [
        "A total of {m} workers were interviewed, individually and in groups.",
        "{m} workers were selected for interviews across all departments and shifts.",
        "The audit team interviewed {m} employees ({m_f} female and {m_m} male).",
    ],
    "offsite_true": ["Some interviews were held off-site, away from management.",
                     "Worker interviews were carried out off-site, at a location chosen by the workers."],
    "offsite_false": ["All interviews took place on site in a private room without management present.",
                      "Interviews were conducted in the training room on the premises."],
    "migrant_true": ["Migrant workers from {origin} were included in the interview sample, with an interpreter.",
                     "The interview sample included foreign workers, interviewed in their own language."],
    "migrant_false": ["Migrant workers could not be interviewed in their language because no interpreter was available.",
                      "No migrant workers were included in the interview sample."],
    "agency_true": ["Agency workers were included in the interview sample."],
    "agency_false": ["Agency workers were not interviewed, as they were not on shift during the audit."],
    "payroll_true": ["Payroll records for three sampled months were reviewed.",
                     "Wage records and pay slips were reviewed for the sampled workers."],
    "payroll_false": ["Payroll records were not made available for review.",
                      "The auditor could not review wage records; management said they are kept at head office."],
    "time_true": ["Time and attendance records were reviewed for the same period.",
                  "Attendance records (fingerprint system) were checked for the sampled months."],
    "time_false": ["Time records were not provided to the auditor.",
                   "Attendance records for the sampled period were incomplete and could not be reviewed."],
    "dorm_true": ["The dormitory was visited as part of the audit.",
                  "The audit team visited the worker accommodation provided by the employer."],
    "dorm_false": ["The dormitory was not visited during this audit.",
                   "The worker accommodation was outside the scope of the visit and was not inspected."],
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# A second batch per indicator in other voices: management statements, terse table/checklist style, long
# sentences with context, and more non-native English. Merged into BANK below.
MORE_VOICES: dict[str, dict[str, list[str]]] = {
    "recruitment_fees": {
        "present": [
            "Management stated that it was not aware that workers paid the agency, but receipts shown by workers recorded payments of {fee}.",
            "Fee survey results: {ni} of {m} respondents had paid for their job, with a median of {fee}.",
            "Passport, visa and medical costs totalling {fee} per worker were recovered from the workers in six monthly instalments.",
            "The auditor reviewed the bank statements of three workers, which showed transfers of {fee} to {agent} in the month before departure.",
            "According to the grievance log, {ni} workers complained that they had to pay {agent} {fee} for the job offer.",
            "In my home country I pay {fee} to agent, this money I borrow from the bank, one worker said.",
        ],
        "negated": [
            "Management provided invoices showing that the employer paid the agency service fee, visa levy and flights; this was confirmed by the workers interviewed.",
            "Recruitment fees: none reported (0 of {m} workers interviewed).",
            "Workers hired through the agency said the job was free of charge to them.",
            "None of the foreign workers had paid for their visa, medical check or travel.",
        ],
    },
    "retention_of_identity_documents": {
        "present": [
            "HR manager explained that passports are kept in the office safe to prevent workers from running away.",
            "Passport custody: held by employer ({n} documents counted during the document review).",
            "The auditor counted {n} passports in a drawer of the admin office; no signed consent forms for safekeeping were available.",
            "Workers need to give a reason and get approval from the manager before they can take their passport, and must return it within three days.",
        ],
        "negated": [
            "Passport custody: retained by workers.",
            "The safekeeping of documents is voluntary, workers hold the key to their own locker, and no passports were found in the office.",
            "Management stated, and workers confirmed, that identity documents are never taken from workers.",
        ],
    },
    "deception": {
        "present": [
            "The job advertisement used by {agent} promised free housing and meals, which are now deducted from wages.",
            "Management could not show the contract signed before departure; workers said their actual salary is about a third lower than promised.",
            "Workers recruited for the packing section were moved to night shifts in the chemical area, which was not in their offer letter.",
        ],
        "negated": [
            "Offer letters signed in the home country were compared with the contracts on file and the terms were the same.",
            "All workers received a copy of their contract in a language they understand before departure.",
        ],
    },
    "restriction_of_movement": {
        "present": [
            "Rest-day outings from the hostel are allowed only in groups escorted by a company supervisor.",
            "Workers who wish to resign must find a replacement worker first, otherwise they are told they cannot leave.",
            "Management confirmed that resident workers sign in and out with security and must be back by 8 pm, including on rest days.",
        ],
        "negated": [
            "Dormitory residents are free to go out in their free time; no curfew applies.",
            "Workers confirmed that they can resign at any time by giving the notice stated in the contract.",
        ],
    },
    "isolation": {
        "present": [
            "Visitors are not allowed in the workers' camp, and workers said they have not been to town since arrival.",
            "The hostel is on the plantation, about 40 km from the nearest village, and the company bus runs only once a month.",
        ],
        "negated": [
            "Workers can receive visitors and go to the nearby town on their rest days by public bus.",
            "Workers are not cut off from their families: free internet access is available in the dormitory.",
        ],
    },
    "abuse_of_vulnerability": {
        "present": [
            "Workers whose permits expired said the manager told them the company would cancel their visa if they complained.",
            "Several workers do not speak English or the local language, and rules and deductions are never explained to them.",
            "Migrant women workers said they accept unpaid overtime because they are afraid of losing their permit.",
        ],
        "negated": [
            "No worker was found without a valid work permit among the {m} sampled foreign workers.",
            "No worker was found working without a permit.",
        ],
    },
    "physical_sexual_violence": {
        "present": [
            "A female worker reported to the auditor, off-site, that a manager pressured her for a relationship and threatened her job when she refused.",
            "The grievance records showed three complaints of hitting by a line leader in the last six months, none of which was investigated.",
            "Workers mentioned that security staff used a stick to push workers in the queue at the gate.",
        ],
        "negated": [
            "Interviewed workers said that they are treated with respect by supervisors.",
            "No complaints of harassment or abuse were found in the grievance records of the last twelve months.",
        ],
    },
    "intimidation_threats": {
        "present": [
            "Workers were coached before the audit and told they would lose their job if they reported overtime.",
            "Management threatened to call the police on workers who took part in a stoppage about wages.",
            "A line supervisor told workers that anyone who refused the Sunday shift would be sent home without a reference.",
        ],
        "negated": [
            "Workers were relaxed during interviews, and there was no indication of coaching or threats.",
            "Workers said supervisors never threaten them with dismissal or deportation.",
        ],
    },
    "withholding_of_wages": {
        "present": [
            "Bank records showed the wages for {month} were transferred {delay} days after the pay date stated in the contract.",
            "A deposit equal to two weeks of wages is kept from each new worker and paid back only after two years of service.",
            "Payroll: paid late ({delay} days) in 2 of the 3 months sampled.",
            "Workers who resign before the end of their contract lose the wages of their last month, according to the HR rules.",
        ],
        "negated": [
            "Wages were credited to workers' bank accounts on the due date in all sampled months.",
            "Payment of wages: on time, in full, by bank transfer (3 months sampled).",
            "Final pay of resigned workers was settled within the legal time limit.",
        ],
    },
    "debt_bondage": {
        "present": [
            "Payroll showed a monthly 'loan' deduction for {n} workers, relating to advances of {fee} paid to their families before departure.",
            "Workers owe the labour supplier {fee} for transport and housing, and are told they cannot change employer until it is paid.",
            "Salary advances of {fee} are repaid over twelve months, during which the worker may not resign.",
        ],
        "negated": [
            "Loans or advances: none found in the payroll or in interviews.",
            "The company does not provide loans to workers, and no worker reported owing money to an agent.",
        ],
    },
    "abusive_working_living_conditions": {
        "present": [
            "{room} workers share one room of about 20 square metres with double-deck beds, and there is no fire exit in the dormitory.",
            "The kitchen of the hostel had no running water, and workers cook on gas cylinders next to the beds.",
            "Workers in the cold store work without thermal clothing, and toilets are locked during production hours.",
        ],
        "negated": [
            "The hostel provides no more than eight persons per room, with lockers, fans and clean toilets.",
            "Toilets and drinking water were accessible to workers at all times.",
        ],
    },
    "excessive_overtime": {
        "present": [
            "The fingerprint records for {month} showed {hours} hours in one week for workers in the sewing section, with only one rest day in the month.",
            "Production planning showed that the line ran on Sundays for {days} days in a row before shipment.",
            "Management admitted that a second set of time records is kept, which shows up to {hours} hours per week.",
            "Overtime hours per week: up to {hours} (limit 60); rest day: not given for {days} days.",
        ],
        "negated": [
            "Working hours: within limits; maximum in the sample was 58 hours in one week.",
            "The time records of the sampled workers showed no week above the legal limit.",
            "Workers confirmed they have Sunday as their rest day and overtime is not forced.",
        ],
    },
}

# More "it happened, and it was put right" sentences, so that no report repeats one.
REMEDIATED_MORE: dict[str, list[str]] = {
    "recruitment_fees": [
        "The {n} workers who had paid {agent} about {fee} each were repaid in full in {month}, and the workers confirmed receiving the money.",
        "Recruitment fee repayment: completed ({n} workers, {fee} each), evidence of transfers reviewed.",
    ],
    "retention_of_identity_documents": [
        "Passports kept by HR were handed back to the {n} workers in {month}; workers confirmed they now hold them.",
        "Document retention corrected: all passports returned, lockers installed, policy revised.",
    ],
    "deception": [
        "Workers who had been promised a higher wage by the agent received the difference as back pay, and new contracts in their language were signed.",
        "The mismatch between the job offer and the actual wage was corrected in {month}, with arrears paid to {n} workers.",
    ],
    "restriction_of_movement": [
        "The gate pass rule for resident workers was withdrawn in {month}, and interviewed residents confirmed they now go out freely.",
        "The dormitory curfew used previously was removed following the last audit, and the gate is no longer locked at night.",
    ],
    "isolation": [
        "Phones that were collected at the hostel before are no longer taken, and a weekly bus to town was introduced.",
        "Since {month}, workers at the remote hostel have free transport to town twice a week.",
    ],
    "abuse_of_vulnerability": [
        "Workers who had been working without valid permits were regularised at the company's cost in {month}.",
        "The practice of reminding workers of their irregular status has been stopped, and a complaint channel in their language was set up.",
    ],
    "physical_sexual_violence": [
        "The harassment complaint raised by female workers was investigated, the supervisor was removed, and the workers confirmed the situation improved.",
        "After reports that a line leader hit workers, the person was dismissed in {month} and a welfare officer was appointed.",
    ],
    "intimidation_threats": [
        "Threats made by supervisors about refusing overtime were addressed through training and warnings, and workers said these no longer happen.",
        "Management withdrew the notice threatening dismissal for workers who talked to auditors, and apologised to the workers.",
    ],
    "withholding_of_wages": [
        "Wage payments that were {delay} days late earlier in the year have been on time since {month}, and arrears were settled.",
        "The one-month wage deposit previously kept by the company was refunded to {n} workers.",
    ],
    "debt_bondage": [
        "Loans that workers took from {agent} were taken over and cancelled by the company, so that {n} workers no longer repay them from wages.",
        "The company stopped the salary deductions for advances in {month} and refunded the amounts already taken.",
    ],
    "abusive_working_living_conditions": [
        "The overcrowded dormitory found last year was replaced by new housing with six persons per room, as seen during the visit.",
        "Broken toilets and the lack of drinking water in the hostel, reported earlier, were repaired and fixed by {month}.",
    ],
    "excessive_overtime": [
        "Weekly hours, which reached {hours} before, were brought below 60 after a second shift was hired, as the last three months of records show.",
        "Rest days that were not given before ({days} days in a row) are now granted every week, confirmed by the time records.",
    ],
}

for _ind, _sentences in REMEDIATED_MORE.items():
    BANK[_ind]["remediated"] = BANK[_ind]["remediated"] + _sentences

for _ind, _kinds in MORE_VOICES.items():
    for _kind, _sentences in _kinds.items():
        BANK[_ind][_kind] = BANK[_ind][_kind] + _sentences

FRAMES += [
    "Management stated that {s_low}",
    "According to the workers interviewed, {s_low}",
    "During the document review, it was found that {s_low}",
]

# Hypothetical or conditional statements: they name an indicator but say nothing about whether it happened.
HYPOTHETICAL: dict[str, list[str]] = {
    "recruitment_fees": ["Workers were told that if any agent asks them for money, they should report it to the HR hotline.",
                         "Should an agency be found charging workers, its contract would be terminated."],
    "retention_of_identity_documents": ["If a worker asks the company to keep a passport, a signed consent form would be required."],
    "excessive_overtime": ["If weekly hours exceed 60 in any week, the time system would send an alert to the HR manager."],
    "withholding_of_wages": ["In case wages are ever delayed, workers may complain to the labour office."],
    "physical_sexual_violence": ["Any case of harassment would be investigated by the welfare committee within seven days."],
    "intimidation_threats": ["A supervisor found threatening workers could be dismissed under the disciplinary rules."],
}

# One sentence that shows two present indicators at once (both are recorded as present mentions).
JOINT: dict[tuple[str, str], list[str]] = {
    ("recruitment_fees", "debt_bondage"): [
        "To pay the agent's fee of {fee}, workers borrowed money at high interest and now repay it from their wages, which they said keeps them from leaving.",
        "Most workers took a loan to cover the recruitment fee ({fee}) and were still paying it back through monthly deductions.",
    ],
    ("retention_of_identity_documents", "restriction_of_movement"): [
        "Without their passports, which the company keeps, workers said they are afraid to leave the compound in case police check them.",
    ],
    ("excessive_overtime", "intimidation_threats"): [
        "Workers who refused to stay for overtime, which reached {hours} hours a week, were told they would be sent home.",
    ],
    ("withholding_of_wages", "debt_bondage"): [
        "Because wages are paid {delay} days late, workers borrow from the supervisor at interest and repay him on pay day.",
    ],
}
