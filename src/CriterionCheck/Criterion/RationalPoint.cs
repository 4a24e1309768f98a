using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// Seeded parameter points in exact rationals, inside the declared domains: small fractions for real,
/// positive and unit entries, positive weights summing to exactly 1 for each simplex row, diagonally
/// dominant (hence positive-definite) covariances. A witness found at such a point is exact.
/// </summary>
public static class RationalPoint
{
    /// <summary>A value for every free parameter element of <paramref name="model"/>.</summary>
    public static Dictionary<Expr, Rational> Parameters(Model model, int seed)
    {
        var random = new Random(seed);
        var values = new Dictionary<Expr, Rational>();
        foreach (var block in model.Parameters)
        {
            switch (block.Domain)
            {
                case ParameterDomain.Simplex:
                    foreach (var row in block.Indices.GroupBy(i => string.Join(",", i.SkipLast(1))))
                    {
                        var indices = row.ToList();
                        var weights = indices.Select(_ => random.Next(1, 6)).ToList();
                        var total = weights.Sum();
                        for (var k = 0; k < indices.Count; k++)
                            if (block.IsFree(indices[k])) values[Symbol.Of(block.Name, indices[k].ToArray())] = new Rational(weights[k], total);
                    }
                    break;
                case ParameterDomain.PositiveDefinite:
                    var n = block.Shape[^1].Size;
                    foreach (var index in block.Indices.Where(block.IsFree))
                        values[Symbol.Of(block.Name, index.ToArray())] = index[^1] == index[^2]
                            ? n + new Rational(random.Next(1, 10), 5)
                            : new Rational(random.Next(-4, 5), 10);
                    break;
                default:
                    foreach (var element in block.FreeElements) values[element] = Scalar(block.Domain, random);
                    break;
            }
        }
        return values;
    }

    /// <summary>A small nonzero fraction, for an opaque function's free value or derivative at a point.</summary>
    public static Rational Unknown(Random random)
    {
        var numerator = random.Next(1, 10) * (random.Next(2) == 0 ? -1 : 1);
        return new Rational(numerator, random.Next(1, 5));
    }

    private static Rational Scalar(ParameterDomain domain, Random random) => domain switch
    {
        ParameterDomain.Positive => Positive(random),
        ParameterDomain.UnitInterval => Unit(random),
        _ => new Rational(random.Next(1, 10) * (random.Next(2) == 0 ? -1 : 1), random.Next(2, 8)),
    };

    // 1 is where powers, logs and polynomials like w² − 1 vanish: a parameter there can hide a Jacobian column
    // from the numeric tests (the elimination then leaves its coefficient out), so it is drawn again.
    private static Rational Positive(Random random)
    {
        while (true)
        {
            var value = new Rational(random.Next(1, 16), random.Next(2, 6));
            if (value != Rational.One) return value;
        }
    }

    private static Rational Unit(Random random)
    {
        var d = random.Next(3, 10);
        return new Rational(random.Next(1, d), d);
    }
}
