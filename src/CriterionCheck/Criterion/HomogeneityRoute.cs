using System.Collections.ObjectModel;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// The structural route (design §2.5, docs/design.md): if every natural parameter is positively homogeneous of one
/// degree k ≠ 0 in the columns θ, η(λθ) = λᵏη(θ), then Euler's theorem gives Jθ = kη, so β = θ/k —
/// e.g. β = −σ² for Gaussian variances, β = (W, μ) for an SBN. Detected numerically by scaling θ by 2
/// and 3 at random points (two evaluations per row, no symbolic work, so it stays cheap at MNIST size);
/// the kernel then checks the resulting certificate.
/// </summary>
public static class HomogeneityRoute
{
    /// <summary>
    /// The coefficients θ/k, or null when the rows are not jointly homogeneous in <paramref name="columns"/>.
    /// <paramref name="evaluatorAt"/>(i, scale) evaluates at random point i with every column multiplied by scale.
    /// </summary>
    public static IReadOnlyDictionary<Expr, Expr>? TrySolve(IReadOnlyList<NaturalRow> rows, IReadOnlyList<Expr> columns, Func<int, double, Func<Expr, double>> evaluatorAt)
    {
        if (columns.Count == 0) return null;
        // An opaque function of a scaled block changes in unknown ways: no homogeneity can be read off.
        var columnSet = columns.ToHashSet();
        if (rows.Any(r => TakesColumn(r.Eta, columnSet))) return null;
        Rational? degree = null;
        for (var i = 0; i < 2; i++)
        {
            var (at1, at2, at3) = (evaluatorAt(i, 1), evaluatorAt(i, 2), evaluatorAt(i, 3));
            foreach (var row in rows)
            {
                var (e1, e2, e3) = (at1(row.Eta), at2(row.Eta), at3(row.Eta));
                if (!double.IsFinite(e1) || !double.IsFinite(e2) || !double.IsFinite(e3)) return null;
                if (Math.Abs(e1) < 1e-12)
                {
                    if (Math.Abs(e2) > 1e-12 || Math.Abs(e3) > 1e-12) return null;
                    continue;
                }
                var k = Nearest(Math.Log(Math.Abs(e2 / e1)) / Math.Log(2));
                if (k is null || k.Value.IsZero || (degree is { } known && known != k.Value)) return null;
                degree = k;
                var d = k.Value.ToDouble();
                if (Math.Abs(e2 - Math.Pow(2, d) * e1) > 1e-9 * (1 + Math.Abs(e2)) || Math.Abs(e3 - Math.Pow(3, d) * e1) > 1e-9 * (1 + Math.Abs(e3))) return null;
            }
        }
        if (degree is not { } found) return null;
        // A plain dictionary behind a read-only view: an immutable one costs a tree insert per element.
        var factor = Number.Of(Rational.One / found);
        return new ReadOnlyDictionary<Expr, Expr>(columns.ToDictionary(c => c, c => Product.Of(factor, c)));
    }

    private static bool TakesColumn(Expr e, HashSet<Expr> columns) =>
        e is OpaqueCall o ? o.Arguments.Any(columns.Contains) : e.Children.Any(c => TakesColumn(c, columns));

    // Degrees are small rationals; anything else is not a homogeneity degree.
    private static Rational? Nearest(double x)
    {
        if (!double.IsFinite(x)) return null;
        for (var q = 1; q <= 12; q++)
        {
            var p = Math.Round(x * q);
            if (Math.Abs(p / q - x) < 1e-7 * (1 + Math.Abs(x)) && Math.Abs(p) < 1e6) return new Rational((long)p, q);
        }
        return null;
    }
}
