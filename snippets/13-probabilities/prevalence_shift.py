"""Train where 1% are positive, deploy where 10% are: shift the probabilities, with the new share known or estimated."""

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import RepeatedStratifiedKFold

SEED = 1  # every random draw below comes from this number: change it for another draw


def compare(metric, name_a, scores_a, name_b, scores_b, n_splits):
    """Print the paired verdict of lesson 8 for two models scored on the same folds."""
    diff = np.asarray(scores_a) - np.asarray(scores_b)
    n = len(diff)
    # Nadeau-Bengio: the folds' training sets overlap, which a plain t-test ignores.
    se = np.sqrt((1 / n + 1 / (n_splits - 1)) * diff.var(ddof=1))
    p = (
        2 * stats.t.sf(abs(diff.mean()) / se, df=n - 1)
        if se > 0
        else float(diff.mean() == 0)
    )
    wins, losses = int((diff > 0).sum()), int((diff < 0).sum())
    if p < 0.05:
        verdict = "beats" if diff.mean() > 0 else "loses to"
    elif max(wins, losses) >= 0.8 * n:
        verdict = "edges" if wins > losses else "trails"
    else:
        verdict = "ties with"
    print(
        f"{metric}: {name_a} {verdict} {name_b} | difference {diff.mean():+.4f}, "
        f"sd {diff.std(ddof=1):.4f} | wins {wins}, ties {n - wins - losses}, "
        f"losses {losses} of {n} | p = {p:.3f}"
    )


def shifted(p, old_rate, new_rate):
    """Move probabilities learnt at prevalence old_rate to prevalence new_rate (Bayes' rule on the odds)."""
    odds = p / (1 - p) * (new_rate / (1 - new_rate)) / (old_rate / (1 - old_rate))
    return odds / (1 + odds)


def estimated_rate(p, old_rate, tolerance=1e-6):
    """Estimate the share of positives among unlabelled cases from their probabilities (Saerens et al., 2002)."""
    new_rate = old_rate
    for _ in range(1_000):
        # Shift to the current guess; the mean shifted probability is the next guess.
        guess = shifted(p, old_rate, new_rate).mean()
        if abs(guess - new_rate) < tolerance:
            break
        new_rate = guess
    return guess


COST_FN, COST_FP = 10.0, 1.0  # a missed positive costs ten false alarms
THRESHOLD = COST_FP / (
    COST_FP + COST_FN
)  # the rule of lesson 9, for calibrated probabilities

# One population; only the share of positives differs between training and deployment.
X, y = make_classification(
    n_samples=44_000,
    n_features=2,
    n_redundant=0,
    n_clusters_per_class=1,
    weights=[0.9],
    flip_y=0,
    random_state=SEED,
)
rng = np.random.default_rng(SEED)
negatives, positives = (
    rng.permutation(np.flatnonzero(y == 0)),
    rng.permutation(np.flatnonzero(y == 1)),
)
train_rows = np.concatenate([negatives[:19_800], positives[:200]])  # 1% positive
deploy_rows = np.concatenate(
    [negatives[19_800:37_800], positives[200:2_200]]
)  # 10% positive
X_train, y_train, X_deploy, y_deploy = (
    X[train_rows],
    y[train_rows],
    X[deploy_rows],
    y[deploy_rows],
)
print(
    f"positives: {y_train.mean():.1%} in training, {y_deploy.mean():.1%} at deployment"
)

cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
scores = {
    name: {"log loss": [], "cost": [], "mean P(1)": []}
    for name in ["as trained", "shifted", "shifted (EM)"]
}
estimates = []
# Each fold trains on part of the training data and is tested on a fold of the deployment data.
for (train, _), (_, test) in zip(
    cv.split(X_train, y_train), cv.split(X_deploy, y_deploy)
):
    model = LogisticRegression().fit(X_train[train], y_train[train])
    p = model.predict_proba(X_deploy[test])[:, 1]
    rate = y_train[train].mean()
    # The deployment fold's labels are not used here: only its predicted probabilities.
    estimates.append(estimated_rate(p, rate))
    for name, q in [
        ("as trained", p),
        ("shifted", shifted(p, rate, 0.10)),
        ("shifted (EM)", shifted(p, rate, estimates[-1])),
    ]:
        flagged = q >= THRESHOLD
        cost = COST_FN * np.sum(~flagged & (y_deploy[test] == 1)) + COST_FP * np.sum(
            flagged & (y_deploy[test] == 0)
        )
        scores[name]["log loss"].append(log_loss(y_deploy[test], q))
        scores[name]["cost"].append(cost / len(test))
        scores[name]["mean P(1)"].append(q.mean())
print(
    f"share of positives estimated from unlabelled deployment cases: {np.mean(estimates):.4f}"
    f" (folds from {min(estimates):.4f} to {max(estimates):.4f})"
)
print(f"{'probabilities':<14} {'mean P(1)':>9} {'log loss':>9} {'cost per case':>13}")
for name, values in scores.items():
    print(
        f"{name:<14} {np.mean(values['mean P(1)']):>9.4f} {np.mean(values['log loss']):>9.4f} {np.mean(values['cost']):>13.4f}"
    )
# The shifted probability crosses THRESHOLD exactly where the raw one crosses this value:
odds = THRESHOLD / (1 - THRESHOLD) / ((0.10 / 0.90) / (rate / (1 - rate)))
print(
    f"threshold {THRESHOLD:.3f} on shifted probabilities = {odds / (1 + odds):.4f} on the model's own"
)
print()
# Lower is better for both: negate so that a positive difference favours the shifted probabilities.
for metric in ["log loss", "cost"]:
    compare(
        metric,
        "shifted",
        -np.asarray(scores["shifted"][metric]),
        "as trained",
        -np.asarray(scores["as trained"][metric]),
        n_splits=5,
    )
# The estimated share against no shift, and against the true share.
for other in ["as trained", "shifted"]:
    compare(
        "log loss",
        "shifted (EM)",
        -np.asarray(scores["shifted (EM)"]["log loss"]),
        other,
        -np.asarray(scores[other]["log loss"]),
        n_splits=5,
    )
