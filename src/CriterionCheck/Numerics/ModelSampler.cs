using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.Distributions;

namespace CriterionCheck.Numerics;

/// <summary>
/// Draws synthetic data from a model by ancestral sampling: each factor in dependency order, each
/// element from its family with the arguments evaluated at the parameters and the parents drawn so far.
/// Seeded, so the same seed gives the same data.
/// </summary>
public static class ModelSampler
{
    /// <summary><paramref name="count"/> observations at parameters <paramref name="theta"/>.</summary>
    /// <exception cref="NumericException">A family the sampler does not know (declared in the spec), or an opaque function without a body.</exception>
    public static DataSet Sample(ParameterSpace space, LatentLayout layout, double[] theta, int count, int seed)
    {
        var model = space.Model;
        var random = new Random(seed);
        var parameters = new Dictionary<Expr, double>();
        foreach (var range in space.Blocks)
        {
            var full = space.FullBlock(range, theta);
            for (var i = 0; i < full.Length; i++) parameters[Symbol.Of(range.Block.Name, [.. range.Block.Indices[i]])] = full[i];
        }
        var arguments = model.Factors.ToDictionary(f => f.Variable, f => f.Elements.Select(e => e.Arguments.Select(a => WithBodies(model, a)).ToArray()).ToArray());
        var categorical = model.Factors.Where(f => f.IsCategorical).Select(f => f.Variable).ToHashSet();
        var rows = new List<double[]>(count);
        for (var n = 0; n < count; n++)
        {
            var values = new Dictionary<Expr, double>(parameters);
            var indices = new Dictionary<Expr, Expr>();
            foreach (var factor in model.Factors)
            {
                var usesIndex = factor.Parents.Any(categorical.Contains);
                for (var e = 0; e < factor.Elements.Length; e++)
                {
                    var element = factor.Elements[e];
                    var args = arguments[factor.Variable][e].Select(a => Evaluator.Evaluate(usesIndex ? Substitution.Substitute(a, indices) : a, values)).ToArray();
                    var draw = Draw(factor, args, random);
                    for (var i = 0; i < element.Variable.Length; i++) values[element.Variable[i]] = draw[i];
                    if (factor.IsCategorical) indices[Symbol.Of(factor.Variable)] = Number.Of((int)draw[0]);
                }
            }
            rows.Add([.. layout.Observed.Select(s => values[s])]);
        }
        return new DataSet([.. layout.Observed.Select(s => s.ToString())], [.. rows]);
    }

    private static Expr WithBodies(Model model, Expr e)
    {
        try { return OpaqueBodies.Substitute(model, e, required: true); }
        catch (InvalidOperationException x) { throw new NumericException(x.Message + " (or pass --data)"); }
    }

    // One draw of a factor element, as its variable's coordinates (a categorical's category 1..K).
    private static double[] Draw(Factor factor, double[] a, Random random)
    {
        var family = factor.Family;
        switch (family.Name)
        {
            case "Bernoulli": return [random.NextDouble() < a[0] ? 1 : 0];
            case "Categorical":
            {
                var u = random.NextDouble();
                for (var k = 0; k < a.Length; k++)
                {
                    u -= a[k];
                    if (u < 0) return [k + 1];
                }
                return [a.Length];
            }
            case "Normal": return [a[0] + Math.Sqrt(a[1]) * Normal.Sample(random, 0, 1)];
            case "Gamma": return [Gamma.Sample(random, a[0], a[1])];
            case "Poisson": return [Poisson.Sample(random, a[0])];
            case "Laplace": return [Laplace.Sample(random, 0, a[0])];
            case "Exponential": return [Exponential.Sample(random, a[0])];
            case "Beta": return [Beta.Sample(random, a[0], a[1])];
            case "Binomial": return [Binomial.Sample(random, a[^1], family.Support.Size)];
            case "MvNormal":
            {
                var d = family.Variable.Length;
                var covariance = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => a[d + i * d + j]);
                var root = covariance.Cholesky().Factor;
                var z = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d, _ => Normal.Sample(random, 0, 1));
                return [.. (root * z).Select((v, i) => v + a[i])];
            }
            default:
                throw new NumericException($"CriterionCheck cannot draw from the declared family {family.Name}; give data with --data");
        }
    }
}
