"""Reproduce Demšar's (2006) worked example: average ranks, Friedman test and Nemenyi critical difference."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import scikit_posthocs as sp
from scipy import stats

# Table 6 of Demšar (2006): AUC of four variants of C4.5 on 14 datasets.
auc = pd.DataFrame(
    [
        [0.763, 0.768, 0.771, 0.798],
        [0.599, 0.591, 0.590, 0.569],
        [0.954, 0.971, 0.968, 0.967],
        [0.628, 0.661, 0.654, 0.657],
        [0.882, 0.888, 0.886, 0.898],
        [0.936, 0.931, 0.916, 0.931],
        [0.661, 0.668, 0.609, 0.685],
        [0.583, 0.583, 0.563, 0.625],
        [0.775, 0.838, 0.866, 0.875],
        [1.000, 1.000, 1.000, 1.000],
        [0.940, 0.962, 0.965, 0.962],
        [0.619, 0.666, 0.614, 0.669],
        [0.972, 0.981, 0.975, 0.975],
        [0.957, 0.978, 0.946, 0.970],
    ],
    columns=["C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"],
    index=["adult (sample)", "breast cancer", "breast cancer wisconsin", "cmc",
           "ionosphere", "iris", "liver disorders", "lung cancer", "lymphography",
           "mushroom", "primary tumor", "rheum", "voting", "wine"],
)  # fmt: skip
# Rank within each dataset, 1 = best; tied scores share the mean of their ranks.
ranks = auc.rank(axis=1, ascending=False)
# The paper ranked unrounded AUCs: on voting, the two 0.975s are 2 and 3.
print("ranks that differ from the paper's:", ranks.loc["voting"].tolist(), "on voting")
ranks.loc["voting"] = [4, 1, 2, 3]
N, k = ranks.shape
mean_ranks = ranks.mean()
print("average ranks:", mean_ranks.round(3).to_dict())

# Friedman's statistic as the paper writes it, then Iman and Davenport's F version.
chi2 = 12 * N / (k * (k + 1)) * ((mean_ranks**2).sum() - k * (k + 1) ** 2 / 4)
f_stat = (N - 1) * chi2 / (N * (k - 1) - chi2)
f_critical = stats.f.ppf(0.95, k - 1, (k - 1) * (N - 1))
print(
    f"Friedman chi2_F = {chi2:.2f}, F_F = {f_stat:.2f}; critical F(3, 39) at 0.05 = {f_critical:.2f}"
)
# scipy's version also corrects for tied ranks (mushroom, iris, ...), so it is larger.
chi2_scipy, p_scipy = stats.friedmanchisquare(*(-ranks).T.values)
print(
    f"scipy.stats.friedmanchisquare: chi2 = {chi2_scipy:.2f} (tie-corrected), p = {p_scipy:.4f}"
)

# Nemenyi: two methods differ when their average ranks differ by more than CD.
se = np.sqrt(k * (k + 1) / (6 * N))
for alpha in (0.05, 0.10):
    q = stats.studentized_range.ppf(1 - alpha, k, np.inf) / np.sqrt(2)
    print(f"Nemenyi at {alpha:.2f}: q = {q:.3f}, CD = {q * se:.2f}")
q_dunn = stats.norm.ppf(1 - 0.05 / (2 * (k - 1)))
print(
    f"Bonferroni-Dunn against one control at 0.05: q = {q_dunn:.3f}, CD = {q_dunn * se:.3f}"
)

# The same Nemenyi test from scikit-posthocs, as p-values for every pair.
nemenyi = sp.posthoc_nemenyi_friedman(-ranks.to_numpy())
nemenyi.index = nemenyi.columns = ranks.columns
print("Nemenyi p-values:")
print(nemenyi.round(3).to_string())

fig, ax = plt.subplots(
    figsize=(6, 2.6),
    label="Critical-difference diagram of Demšar's example: the four C4.5 variants on an "
    "axis of average rank, a bar of length CD = 1.12 above it, and bars joining C4.5 with "
    "C4.5+cf and C4.5+cf with the two tuned variants: at 0.10 only C4.5 against C4.5+m "
    "and C4.5+m+cf differ.",
)
artists = sp.critical_difference_diagram(
    mean_ranks,
    nemenyi,
    alpha=0.10,
    cd=stats.studentized_range.ppf(0.90, k, np.inf) / np.sqrt(2) * se,
    ax=ax,
    color_palette=["C0"] * k,
    crossbar_props={"color": "C1"},
)
# A bar joins a set of methods, in set order, which changes from run to run:
# draw its points left to right so that the figure does not.
for (bar,) in artists["crossbars"]:
    bar.set_xdata(sorted(bar.get_xdata()))
ax.set_title("Nemenyi at 0.10, average rank (1 = best)", pad=30)
fig.tight_layout()
plt.show()
