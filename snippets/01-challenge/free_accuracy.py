"""What always answering "normal" would score on five imbalanced problems, at assumed rates."""

# The rates are round numbers chosen for illustration, not measured statistics.
problems = {
    "loan default": 1 / 20,
    "customer churn (per month)": 1 / 50,
    "phishing e-mail": 1 / 200,
    "serious adverse drug reaction": 1 / 1_000,
    "rare species in camera-trap photos": 1 / 5_000,
}
cases = 100_000

print(f"{'problem':<36} {'rate':>11} {'accuracy':>9} {'missed':>7}")
for problem, rate in problems.items():
    minority = round(cases * rate)
    # A model that always predicts the majority is right on every majority case
    # and wrong on every minority case.
    accuracy = (cases - minority) / cases
    print(
        f"{problem:<36} {f'1 in {round(1 / rate):,}':>11} {accuracy:>9.2%} {minority:>7,}"
    )
print(f"(missed = minority cases among {cases:,} that the model never flags)")
