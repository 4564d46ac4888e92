"""When a screening step removes easy negatives, the negatives change too, and shifting the prevalence no longer helps."""

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


X, y = make_classification(
    n_samples=80_000,
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
X_train, y_train = X[train_rows], y[train_rows]
# Screening keeps the fifth of the negatives that an upstream model finds hardest to tell from
# positives, and every positive: the negatives that reach the model no longer look as in training.
upstream = LogisticRegression().fit(X_train, y_train)
spare = negatives[19_800:]
upstream_score = upstream.decision_function(X[spare])
hard_negatives = spare[upstream_score > np.quantile(upstream_score, 0.8)]
deploy_rows = np.concatenate([hard_negatives[:9_000], positives[200:1_200]])
X_deploy, y_deploy = X[deploy_rows], y[deploy_rows]
print(
    f"positives: {y_train.mean():.1%} in training, {y_deploy.mean():.1%} after screening"
)

cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
scores = {name: [] for name in ["as trained", "shifted", "shifted (EM)"]}
estimates = []
for (train, _), (_, test) in zip(
    cv.split(X_train, y_train), cv.split(X_deploy, y_deploy)
):
    model = LogisticRegression().fit(X_train[train], y_train[train])
    p = model.predict_proba(X_deploy[test])[:, 1]
    rate = y_train[train].mean()
    estimates.append(estimated_rate(p, rate))
    for name, q in [
        ("as trained", p),
        ("shifted", shifted(p, rate, 0.10)),
        ("shifted (EM)", shifted(p, rate, estimates[-1])),
    ]:
        scores[name].append(log_loss(y_deploy[test], q))
print(
    f"share of positives estimated from unlabelled screened cases: {np.mean(estimates):.4f}"
    f" (folds from {min(estimates):.4f} to {max(estimates):.4f})"
)
print(f"{'probabilities':<14} {'log loss':>9}")
for name, values in scores.items():
    print(f"{name:<14} {np.mean(values):>9.4f}")
print()
# Lower is better: negate so that a positive difference favours the first name.
for name in ["shifted", "shifted (EM)"]:
    compare(
        "log loss",
        name,
        -np.asarray(scores[name]),
        "as trained",
        -np.asarray(scores["as trained"]),
        n_splits=5,
    )
