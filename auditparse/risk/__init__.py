"""Site risk model: site features from audit histories and public priors -> calibrated, explained risk.

Modules: ``priors`` (US DOL goods list), ``features`` (per-audit records and site features), ``simulate`` (the
documented site simulator), ``model`` (training, calibration, threshold, scoring, explanations), ``evaluate``
(metrics and plots), ``train_default`` (the shipped model, end to end).
"""
