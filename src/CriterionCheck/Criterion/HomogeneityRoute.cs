using System.Collections.Immutable;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// The structural route (DESIGN §2.5): if every natural parameter is homogeneous of one degree k ≠ 0 in
/// the columns θ, Euler's theorem gives Jθ = kη, so β = θ/k — e.g. β = −σ² for Gaussian variances,
/// β = (W, μ) for an SBN. Checked as the directional derivative d/dt η(θ + tθ) at t = 0 against kη at
/// random points; the kernel re-checks the result.
/// </summary>
public static class HomogeneityRoute
{
    private static readonly Symbol T = Symbol.Of("t′");

    /// <summary>The coefficients θ/k, or null when the rows are not jointly homogeneous in <paramref name="columns"/>.</summary>
    public static ImmutableDictionary<Expr, Expr>? TrySolve(IReadOnlyList<NaturalRow> rows, IReadOnlyList<Expr> columns, Func<int, Func<Expr, double>> evaluatorAt)
    {
        if (columns.Count == 0) return null;
        var shift = columns.ToDictionary(c => c, c => c + T * c);
        Rational? degree = null;
        var evaluators = Enumerable.Range(0, 3).Select(evaluatorAt).ToList();
        foreach (var row in rows)
        {
            var directional = Substitution.Substitute(Differentiator.Differentiate(Substitution.Substitute(row.Eta, shift), T), T, Number.Zero);
            if (row.Eta.IsZero && directional.IsZero) continue;
            foreach (var evaluate in evaluators)
            {
                var (eta, d) = (evaluate(row.Eta), evaluate(directional));
                if (!double.IsFinite(eta) || !double.IsFinite(d)) return null;
                if (Math.Abs(eta) < 1e-9) { if (Math.Abs(d) > 1e-9) return null; continue; }
                var k = Nearest(d / eta);
                if (k is null || k.Value.IsZero || (degree is { } known && known != k.Value)) return null;
                degree = k;
                if (Math.Abs(d - k.Value.ToDouble() * eta) > 1e-9 * (1 + Math.Abs(d))) return null;
            }
        }
        if (degree is not { } found) return null;
        return columns.ToImmutableDictionary(c => c, c => Product.Of(Number.Of(Rational.One / found), c));
    }

    // Degrees are small rationals; anything else is not a homogeneity degree.
    private static Rational? Nearest(double x)
    {
        for (var q = 1; q <= 12; q++)
        {
            var p = Math.Round(x * q);
            if (Math.Abs(p / q - x) < 1e-9 * (1 + Math.Abs(x)) && Math.Abs(p) < 1e6) return new Rational((long)p, q);
        }
        return null;
    }
}
