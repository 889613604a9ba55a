"""The specs of the samples committed in ``samples/`` (regenerate with ``python -m auditparse.synth --bundled``)."""

from __future__ import annotations

from auditparse.datamodel.nlp import INDICATORS
from auditparse.synth.spec import ReportSpec, random_spec


def _conditions(**given: str) -> dict[str, str]:
    """All 12 indicators: the ``given`` conditions, every other one absent."""
    return {i: given.get(i, "absent") for i in INDICATORS}


def bundled_specs() -> list[tuple[ReportSpec, bool]]:
    """(spec, commit the scanned twin?) for each bundled sample."""
    return [
        (random_spec(101, name="smeta_garment_my", family="smeta", pages=8, columns=1,
                     site={"country": "MY", "sector": "garments"},
                     indicators=_conditions(recruitment_fees="present", retention_of_identity_documents="present",
                                            excessive_overtime="present", withholding_of_wages="negated",
                                            physical_sexual_violence="negated", restriction_of_movement="negated",
                                            deception="negated")), True),
        (random_spec(202, name="bsci_garment_bd", family="bsci", pages=7, columns=1,
                     site={"country": "BD", "sector": "garments"},
                     indicators=_conditions(excessive_overtime="present", withholding_of_wages="remediated",
                                            intimidation_threats="present", recruitment_fees="negated",
                                            physical_sexual_violence="negated", debt_bondage="negated")), True),
        (random_spec(303, name="rba_electronics_my", family="rba", pages=7, columns=1,
                     site={"country": "MY", "sector": "electronics"},
                     indicators=_conditions(recruitment_fees="present", debt_bondage="present",
                                            retention_of_identity_documents="remediated", deception="negated",
                                            excessive_overtime="negated", isolation="negated")), True),
        (random_spec(404, name="wca_footwear_cn", family="wca", pages=6, columns=1,
                     site={"country": "CN", "sector": "footwear"},
                     indicators=_conditions(excessive_overtime="present", withholding_of_wages="present",
                                            physical_sexual_violence="negated", intimidation_threats="negated",
                                            abusive_working_living_conditions="remediated")), True),
        (random_spec(505, name="narrative_seafood_th", family="narrative", pages=7, columns=2,
                     site={"country": "TH", "sector": "seafood processing"},
                     indicators=_conditions(restriction_of_movement="present", isolation="present",
                                            abusive_working_living_conditions="present",
                                            abuse_of_vulnerability="negated", recruitment_fees="negated",
                                            retention_of_identity_documents="negated")), True),
        (random_spec(606, name="long_rba_electronics_th", family="rba", pages=40, columns=1,
                     site={"country": "TH", "sector": "electronics"},
                     indicators=_conditions(recruitment_fees="present", excessive_overtime="present",
                                            withholding_of_wages="negated", retention_of_identity_documents="negated",
                                            intimidation_threats="remediated", isolation="negated")), False),
    ]
