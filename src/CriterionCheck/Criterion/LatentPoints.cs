using CriterionCheck.Families;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// Points at which latents are fixed to turn η(z; Θ) = J(z; Θ)β into equations in Θ alone (design §2, docs/design.md):
/// a base point, each latent moved once, and a few seeded random points, all exact rationals on the
/// latents' supports.
/// </summary>
public static class LatentPoints
{
    /// <summary>The points for <paramref name="latents"/>, each mapping every latent to a value.</summary>
    public static List<Dictionary<Expr, Rational>> For(IReadOnlyList<Symbol> latents, Func<Symbol, Support> support, int seed)
    {
        var random = new Random(seed);
        var basePoint = latents.ToDictionary(l => (Expr)l, l => Values(support(l))[0]);
        var points = new List<Dictionary<Expr, Rational>> { basePoint };
        foreach (var l in latents) points.Add(new Dictionary<Expr, Rational>(basePoint) { [l] = Values(support(l))[1] });
        for (var k = 0; k < 2 && latents.Count > 0; k++)
        {
            var point = latents.ToDictionary(l => (Expr)l, l => { var v = Values(support(l)); return v[random.Next(v.Length)]; });
            // A repeat adds only a duplicate row (and a confusing witness line).
            if (!points.Any(p => latents.All(l => p[l] == point[l]))) points.Add(point);
        }
        return points;
    }

    // The base value first, then the moved value, then others.
    private static Rational[] Values(Support support) => support.Kind switch
    {
        SupportKind.Binary => [0, 1],
        SupportKind.Count or SupportKind.BoundedCount => [0, 1, 2],
        SupportKind.Positive => [1, 2, new Rational(1, 2), 3],
        SupportKind.UnitInterval => [new Rational(1, 2), new Rational(1, 3), new Rational(3, 4)],
        _ => [0, 1, new Rational(-1, 2), new Rational(3, 2)],
    };
}
