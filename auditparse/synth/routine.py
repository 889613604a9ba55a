"""Routine audit content (health and safety, wages, environment, management...) with combinatorial variety.

Real reports are mostly this: forced-labour signals are rare and buried in it. Sentences are templates with
slots drawn from small pools, so a 40-page report does not repeat itself. None of these sentences mentions a
forced-labour indicator (no fees, documents, movement, threats, late wages, debts, excessive hours, housing abuse).
"""

from __future__ import annotations

import random

POOLS: dict[str, list[str]] = {
    "area": ["cutting section", "sewing floor", "warehouse", "packing area", "finishing department", "chemical store",
             "boiler room", "canteen", "maintenance workshop", "quality control room", "assembly hall",
             "moulding section", "raw material store", "printing section", "generator room", "loading bay"],
    "equipment": ["fire extinguishers", "smoke detectors", "emergency lights", "first aid boxes", "eye wash stations",
                  "fire hose reels", "sprinkler valves", "exhaust fans", "fire alarm call points"],
    "freq": ["monthly", "weekly", "every quarter", "twice a year", "every day", "every two weeks"],
    "person": ["the safety officer", "the HR manager", "the compliance team", "an external contractor",
               "the maintenance supervisor", "the admin manager", "the factory manager", "the EHS coordinator"],
    "result": ["found in good condition", "in working order", "up to date", "properly maintained",
               "complete and signed", "consistent with the checklist"],
    "good": ["aisles were kept clear", "machines had guards fitted", "workers wore the required protective equipment",
             "lighting was adequate", "housekeeping was good", "electrical cables were properly routed",
             "floor markings were visible", "waste bins were emptied regularly", "ventilation was adequate"],
    "training": ["fire safety", "first aid", "chemical handling", "machine safety", "ergonomics", "forklift",
                 "code of conduct", "grievance procedure", "personal protective equipment"],
    "drill": ["fire drill", "evacuation drill", "emergency response exercise"],
    "floor": ["ground", "first", "second", "third"],
    "cert": ["building safety", "fire safety", "boiler", "lift inspection", "electrical installation", "occupancy"],
    "authority": ["the Fire and Rescue Department", "the Department of Occupational Safety and Health",
                  "the local labour office", "the district authority", "an accredited inspection body"],
    "job": ["sewing operator", "machine operator", "packer", "quality inspector", "line assistant", "helper",
            "forklift driver", "cleaner"],
    "allowance": ["housing allowance", "transport allowance", "meal allowance", "skill allowance",
                  "attendance bonus", "night shift allowance"],
    "rate": ["150%", "1.5 times", "200%", "double"],
    "daytype": ["normal working days", "rest days", "public holidays"],
    "method": ["bank transfer", "cash in sealed envelopes", "bank transfer to the workers' own accounts"],
    "when": ["on pay day", "with each payment", "monthly", "one day before payment"],
    "bonus": ["annual", "festival", "productivity", "year-end", "Hari Raya", "Songkran", "Lunar New Year"],
    "scheme": ["social insurance", "provident fund", "the national pension scheme", "statutory social security"],
    "doc": ["health and safety policy", "employee handbook", "grievance procedure", "anti-harassment policy",
            "chemical management procedure", "emergency response plan", "environmental policy",
            "supplier code of conduct", "training plan"],
    "lang": ["English and the local language", "three languages", "the local language", "English, Nepali and Malay",
             "the workers' languages"],
    "resp": ["social compliance", "health and safety", "training", "environmental permits", "worker welfare",
             "the grievance mechanism"],
    "topic": ["canteen food quality", "safety issues", "training needs", "leave arrangements", "annual trip planning",
              "the bonus scheme", "toilet cleaning"],
    "waste": ["used oil", "empty chemical drums", "fabric scrap", "paper and cartons", "contaminated rags",
              "fluorescent tubes", "sludge from the treatment plant"],
    "utility": ["electricity", "water", "diesel", "natural gas"],
    "dept": ["production", "warehouse", "quality", "maintenance", "administration", "packing"],
}

TEMPLATES: dict[str, list[str]] = {
    "hs": [
        "{Equipment} in the {area} were inspected {freq} by {person}, and the records for {month} were {result}.",
        "During the walk-through of the {area}, {good} and {good2}.",
        "The {area} has {k} emergency exits, all marked with signs and kept clear.",
        "A total of {k} workers received {training} training in {month} {year}; attendance sheets were signed.",
        "{Person_cap} stated that the last {drill} was held in {month} {year}, with {big} participants.",
        "{k} {equipment} were counted on the {floor} floor, in line with the fire safety plan.",
        "The {cert} certificate issued by {authority} was valid at the time of the audit.",
        "Temperature in the {area} was measured at {temp} degrees Celsius during the visit.",
        "Accident records showed {small} minor injuries in the last twelve months, all treated at the on-site clinic.",
        "The health and safety committee has {k} members and meets {freq}.",
        "Safety data sheets for the chemicals in the {area} were available and less than five years old.",
        "Machines in the {area} were fitted with emergency stop buttons that were tested {freq}.",
    ],
    "wages": [
        "The sampled payroll for {month} {year} covered {big} workers.",
        "The basic wage of a {job} was {cur} {wage} per month, plus a {allowance} of {cur} {allow}.",
        "Overtime was paid at {rate} of the hourly rate on {daytype}, as required by the law.",
        "Wages are paid by {method}, and pay slips are provided {when}.",
        "The {bonus} bonus was paid in {month} to all eligible workers.",
        "{Scheme} contributions were paid for {big} workers in {month}, as seen in the receipts.",
        "Pay slips list income tax and {scheme} contributions on separate lines.",
        "The auditor recalculated the wages of {k} sampled workers and found no errors.",
    ],
    "management": [
        "The {doc} was last updated in {month} {year} and is available in {lang}.",
        "{Person_cap} is responsible for {resp}; records showed {k} related meetings in the last year.",
        "The workers' committee met {k} times in the last year, with minutes covering {topic}.",
        "Management review of the social compliance system took place in {month} {year}.",
        "The {doc} is displayed on the notice boards of the {area} and the canteen.",
        "Records of {training} training were kept for {big} workers.",
    ],
    "environment": [
        "Monthly {utility} consumption is recorded, and the {month} figure was {big} units.",
        "Waste such as {waste} is collected by a licensed contractor and stored in a roofed area before collection.",
        "The wastewater treatment plant was operating during the visit, and the last test in {month} was within limits.",
        "The environmental aspects register was updated in {month} {year}.",
        "Spill kits were available in the {area} and the {area2}.",
    ],
    "hours": [
        "Break times in the {area} are {k}0 minutes in the morning and one hour at lunch.",
        "Shift rosters for {month} were posted on the notice board of the {dept} department.",
        "Annual leave taken in {year} was recorded in the HR system for {big} workers.",
        "The normal shift in the {dept} department runs from {start}:00 to {end}:00 with a one-hour break.",
        "The {dept} department works on a {shifts}-shift system.",
        "Time records of {k} sampled workers were compared with the payroll and were consistent.",
    ],
    "employment": [
        "The {dept} department has {big} workers, of whom {k} joined in the last three months.",
        "Labour turnover in {month} was {small}%, lower than in the previous year.",
        "Job descriptions for the position of {job} were available and signed.",
        "{Person_cap} explained the hiring process, which includes a medical check and an induction day.",
        "Personnel files of {k} workers were sampled; each contained an application form and a signed contract.",
        "The {dept} department recruited {small} new workers in {month}, all through direct hiring.",
        "Exit interviews are held with resigning workers by {person}.",
    ],
    "child": [
        "No juvenile workers were found during the floor walk in the {area}.",
        "Copies of identity documents used for age checks were kept in {k} sampled personnel files.",
        "The age of {k} sampled workers was checked against their identity documents; all were above 18.",
        "The youngest worker in the {dept} department was {age} years old.",
    ],
    "discrimination": [
        "The {dept} department has {k} female supervisors out of {big} supervisors in total.",
        "Promotion records for {year} showed {small} promotions, of which {small2} were women.",
    ],
    "foa": [
        "The {doc} mentions the right of workers to join a union, and it is posted in the {area}.",
        "The workers' committee raised {small} issues in {year}, including {topic}.",
        "Worker representatives for the {dept} department were elected in {month} {year}.",
        "Minutes of the last {k} committee meetings were reviewed and covered {topic}.",
    ],
    "treatment": [
        "The disciplinary register for {year} listed {small} verbal warnings and {small2} written warnings.",
        "Grievances received in {month} were about {topic} and were answered within two weeks.",
    ],
}
TEMPLATES["housing"] = TEMPLATES["hs"]
TEMPLATES["regular_employment"] = TEMPLATES["employment"]
TEMPLATES["ethics"] = TEMPLATES["management"]
TEMPLATES["subcontracting"] = TEMPLATES["management"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def templates(topic: str) -> list[str]:
    """The routine sentence templates of ``topic`` (management ones for topics without their own)."""
    return TEMPLATES.get(topic, TEMPLATES["management"])


def routine_sentence(template: str, rng: random.Random, cur: str, year: int, min_wage: int) -> str:
    """Fill a routine ``template`` with random slot values (wages from ``min_wage`` in ``cur``)."""
    wage = round(min_wage * rng.uniform(1.0, 1.6))
    slots: dict[str, object] = {k: rng.choice(v) for k, v in POOLS.items()}
    slots.update(
        good2=rng.choice(POOLS["good"]), area2=rng.choice(POOLS["area"]), k=rng.randint(2, 14),
        big=rng.randint(20, 400), small=rng.randint(1, 9), small2=rng.randint(1, 9), month=rng.choice(MONTHS),
        year=year - rng.choice([0, 0, 1]), temp=rng.randint(26, 33), cur=cur, wage=f"{wage:,}",
        allow=f"{round(wage * rng.uniform(0.03, 0.15)):,}",
        start=rng.choice([7, 8, 9]), end=rng.choice([16, 17, 18]), shifts=rng.choice(["one", "two", "three"]),
        age=rng.randint(18, 21))
    person, scheme = str(slots["person"]), str(slots["scheme"])
    slots.update(Equipment=str(slots["equipment"]).capitalize(), Person_cap=person[:1].upper() + person[1:],
                 Scheme=scheme[:1].upper() + scheme[1:])
    return template.format(**slots)
