"""The n-gram linear model of the fast tier: its features, and that repeated texts score as they would alone."""

from __future__ import annotations

import numpy as np

from auditparse.nlp.linear import LinearModel, ngrams


def test_ngrams_are_words_word_pairs_and_padded_character_grams_with_digits_as_zero() -> None:
    got = ngrams("Fee 12, fee")
    assert got["fee"] == 2 and got["00"] == 1
    assert got["fee 00"] == 1 and got["00 fee"] == 1
    # character 3-5-grams of " fee " (twice) and " 00 "
    assert got["# fe"] == 2 and got["#fee "] == 2 and got["# fee "] == 2 and got["# 00 "] == 1
    assert "#fee 0" not in got  # character grams stay inside a word
    assert sum(got.values()) == 2 + 1 + 2 + 2 * (3 + 2 + 1) + (2 + 1)


def fitted() -> LinearModel:
    texts = ["workers paid a recruitment fee to the agent", "no recruitment fee was charged",
             "the agent kept their passports", "passports are kept by workers", "fire drills held monthly",
             "canteen food was adequate"] * 3
    y = np.array([[1, 0], [0, 0], [0, 1], [0, 0], [0, 0], [0, 0]] * 3)
    return LinearModel.fit(texts, y, ["fees", "documents"], multilabel=True, c=4.0, min_df=1)


def test_a_repeated_text_scores_exactly_as_it_does_alone() -> None:
    model = fitted()
    texts = ["The agent kept their passports.", "Fire drills were held.", "The agent kept their passports.", "", "Fire drills were held."]
    together = model.scores(texts)
    alone = np.concatenate([model.scores([t]) for t in texts])
    assert together.shape == (5, 2)
    assert np.array_equal(together, alone)
    assert together[0, 1] > 0.5 > together[1, 1]
    assert model.scores([]).shape == (0, 2)


def test_dense_features_stay_with_their_row_when_texts_repeat() -> None:
    texts = ["fee paid", "fee paid", "nothing here", "nothing here"] * 3
    dense = np.array([[1.0], [0.0], [1.0], [0.0]] * 3, dtype=np.float32)
    y = np.array([1, 0, 1, 0] * 3)  # only the dense feature tells the classes apart
    model = LinearModel.fit(texts, y, ["no", "yes"], multilabel=False, dense=dense, dense_names=["flag"], c=10.0, min_df=1)
    p = model.scores(texts[:4], dense[:4])
    assert p[0, 1] > 0.5 > p[1, 1] and p[2, 1] > 0.5 > p[3, 1]
