"""The focal loss as a LightGBM objective: its gradient and hessian, checked
against finite differences, and the loss drawn against the log loss."""

import lightgbm as lgb
import matplotlib.pyplot as plt
import numpy as np
from scipy import special
from sklearn.datasets import make_classification
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    log_loss,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split

SEED = 1  # every random draw below comes from this number: change it for another draw


def focal_loss(z, y, alpha, gamma):
    """Focal loss of raw scores z (log odds) for labels y in {0, 1}."""
    sign = 2 * y - 1
    log_q = special.log_expit(
        sign * z
    )  # log of q, the probability given to the true class
    weight = np.where(y == 1, alpha, 1 - alpha)
    return -weight * (1 - np.exp(log_q)) ** gamma * log_q


def focal_gradient(z, y, alpha, gamma):
    """First and second derivatives of the focal loss with respect to z."""
    sign = 2 * y - 1
    q = special.expit(sign * z)
    log_q = special.log_expit(sign * z)
    u = 1 - q
    weight = np.where(y == 1, alpha, 1 - alpha)
    grad = sign * weight * u**gamma * (gamma * q * log_q - u)
    hess = (
        weight * q * u**gamma * (u * (2 * gamma + 1) + gamma * log_q * (u - gamma * q))
    )
    return grad, hess


def focal_objective(alpha, gamma, curvature="log loss"):
    """A LightGBM objective: each row's gradient, and the curvature its Newton
    step divides by: the focal loss's own hessian (floored, since it turns
    negative where the model is badly wrong), or the log loss's, weighted alike."""

    def objective(y_true, raw_score):
        grad, hess = focal_gradient(raw_score, y_true, alpha, gamma)
        if curvature == "exact":
            return grad, np.maximum(hess, 1e-6)
        q = special.expit(raw_score)
        return grad, np.where(y_true == 1, alpha, 1 - alpha) * q * (1 - q)

    return objective


def focal_model(X_train, y_train, alpha, gamma, curvature="log loss", **settings):
    """LightGBM fitted on the focal loss, and a function giving its log odds.
    A custom objective starts from 0: start it, as LightGBM starts its own
    loss, from the training set's log odds, and add them back to its scores."""
    start = np.log(y_train.mean() / (1 - y_train.mean()))
    model = lgb.LGBMClassifier(
        objective=focal_objective(alpha, gamma, curvature), **settings
    )
    model.fit(X_train, y_train, init_score=np.full(len(y_train), start))
    return lambda X: model.predict(X, raw_score=True) + start


# The derivatives against central differences of the loss, over many scores.
z = np.linspace(-8, 8, 1601)
step = 1e-5
for alpha, gamma in [(0.5, 0.0), (0.25, 2.0), (0.5, 5.0)]:
    worst = 0.0
    for label in (0, 1):
        y = np.full_like(z, label)
        grad, hess = focal_gradient(z, y, alpha, gamma)
        grad_fd = (
            focal_loss(z + step, y, alpha, gamma)
            - focal_loss(z - step, y, alpha, gamma)
        ) / (2 * step)
        grad_up = focal_gradient(z + step, y, alpha, gamma)[0]
        grad_down = focal_gradient(z - step, y, alpha, gamma)[0]
        hess_from_grad = (grad_up - grad_down) / (2 * step)
        worst = max(
            worst,
            np.abs(grad - grad_fd).max(),
            np.abs(hess - hess_from_grad).max(),
        )
    print(f"alpha {alpha}, gamma {gamma}: largest error of the derivatives {worst:.1e}")
    if gamma == 0:
        p = special.expit(z)
        ones = np.ones_like(z)
        gap = np.abs(focal_gradient(z, ones, alpha, gamma)[0] / alpha - (p - 1)).max()
        print(
            f"  with gamma 0 it is the log loss: gradient / alpha minus (p - y), at most {gap:.1e}"
        )

# Where the exact hessian turns negative, for gamma 2.
q = np.linspace(0.001, 0.999, 9981)
_, hess = focal_gradient(np.log(q / (1 - q)), np.ones_like(q), 0.5, 2.0)
print(f"gamma 2: the hessian is negative where q < {q[hess < 0].max():.3f}")

X, y = make_classification(
    n_samples=10_000, n_features=10, weights=[0.97], flip_y=0.01, random_state=SEED
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)
QUIET = {"n_jobs": 1, "verbose": -1}  # one core; no log lines from LightGBM
own = lgb.LGBMClassifier(**QUIET).fit(X_train, y_train)
# Wired in right? At gamma 0, alpha 0.5 weighs the log loss by one half:
# twice our objective is LightGBM's own loss, and must make the same model.
start = np.log(y_train.mean() / (1 - y_train.mean()))
half = focal_objective(0.5, 0.0)
twice = lgb.LGBMClassifier(
    objective=lambda y_true, raw: tuple(2 * v for v in half(y_true, raw)), **QUIET
).fit(X_train, y_train, init_score=np.full(len(y_train), start))
gap = np.abs(
    own.predict_proba(X_test)[:, 1]
    - special.expit(twice.predict(X_test, raw_score=True) + start)
).max()
print(f"twice our loss at gamma 0 against LightGBM's own: largest gap {gap:.1e}")

models = {
    "log loss": lambda X: own.predict(X, raw_score=True),
    "focal 2, exact hessian": focal_model(X_train, y_train, 0.5, 2.0, "exact", **QUIET),
    "focal 2, log loss's": focal_model(X_train, y_train, 0.5, 2.0, **QUIET),
}
print(f"\nshare of positives in the test set: {y_test.mean():.4f}")
print(
    f"{'':<24} {'max |logit|':>11} {'mean p':>7} {'Brier':>7} {'log loss':>8}"
    f" {'ROC AUC':>7} {'AP':>7}"
)
for name, log_odds in models.items():
    p = special.expit(log_odds(X_test))
    print(
        f"{name:<24} {np.abs(log_odds(X_train)).max():>11.1f} {p.mean():>7.4f}"
        f" {brier_score_loss(y_test, p):>7.4f} {log_loss(y_test, p):>8.4f}"
        f" {roc_auc_score(y_test, p):>7.4f} {average_precision_score(y_test, p):>7.4f}"
    )

fig, ax = plt.subplots(
    figsize=(6, 4),
    label="Focal loss against the probability given to the true class, for gamma 0 "
    "(the log loss), 0.5, 1, 2 and 5: the larger gamma, the less an example that is "
    "already classified well counts.",
)
q = np.linspace(0.01, 1, 400)
for gamma in [0, 0.5, 1, 2, 5]:
    ax.plot(q, -((1 - q) ** gamma) * np.log(q), label=f"gamma = {gamma}")
ax.set_xlabel("q, probability the model gives to the true class")
ax.set_ylabel("loss of one example")
ax.set_ylim(0, 5)
ax.legend()
fig.tight_layout()
plt.show()
