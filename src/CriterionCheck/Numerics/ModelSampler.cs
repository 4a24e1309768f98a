using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using MathNet.Numerics.Distributions;

namespace CriterionCheck.Numerics;

/// <summary>
/// Draws synthetic data from a model by ancestral sampling: each factor in dependency order, each
/// element from its family with the arguments evaluated at the parameters and the parents drawn so far.
/// The arguments are compiled once per value of the categorical latents they are indexed by, so drawing
/// 100,000 points costs milliseconds, not a symbolic evaluation per entry. Seeded, so the same seed gives
/// the same data.
/// </summary>
public static class ModelSampler
{
    /// <summary><paramref name="count"/> observations at parameters <paramref name="theta"/>.</summary>
    /// <exception cref="NumericException">A family the sampler does not know (declared in the spec), or an opaque function without a body.</exception>
    public static DataSet Sample(ParameterSpace space, LatentLayout layout, double[] theta, int count, int seed)
    {
        var model = space.Model;
        var random = new Random(seed);
        // Slots: θ, then every variable coordinate (latents and observed).
        var slots = new Dictionary<Symbol, int>();
        foreach (var s in space.Elements) slots[s] = slots.Count;
        var variables = model.Factors.SelectMany(f => f.Elements.SelectMany(e => e.Variable)).Distinct().ToList();
        foreach (var v in variables) slots[v] = slots.Count;
        var normalizer = new Normalizer(model.Assumptions);
        var factors = model.Factors.Select(f => new FactorDraw(model, f, layout, slots, normalizer)).ToArray();
        var values = new double[slots.Count];
        Array.Copy(theta, values, theta.Length);
        var observed = layout.Observed.Select(s => slots[s]).ToArray();
        var rows = new List<double[]>(count);
        for (var n = 0; n < count; n++)
        {
            foreach (var factor in factors) factor.Draw(values, random);
            rows.Add([.. observed.Select(i => values[i])]);
        }
        return new DataSet([.. layout.Observed.Select(s => s.ToString())], [.. rows]);
    }

    // One factor: its arguments compiled per categorical variant, drawn element by element.
    private sealed class FactorDraw
    {
        private readonly Factor factor;
        private readonly int[] parents;       // slots of the categorical latents indexing it
        private readonly int[] sizes;
        private readonly CompiledFunction[] variants;
        private readonly int[][] variable;    // slots of each element's coordinates
        private readonly int width;           // argument entries per element
        private readonly double[] arguments;
        private readonly Dictionary<int, double[]> roots = []; // MvNormal: Cholesky factor per variant, while the covariance stays

        public FactorDraw(Model model, Factor factor, LatentLayout layout, Dictionary<Symbol, int> slots, Normalizer normalizer)
        {
            this.factor = factor;
            var categorical = model.Factors.Where(f => f.IsCategorical && factor.Parents.Contains(f.Variable)).ToList();
            parents = [.. categorical.Select(f => slots[f.Elements[0].Variable[0]])];
            sizes = [.. categorical.Select(f => f.Family.Support.Size)];
            var count = sizes.Aggregate(1, (a, k) => a * k);
            width = factor.Elements.Length == 0 ? 0 : factor.Elements[0].Arguments.Length;
            variants = new CompiledFunction[count];
            for (var v = 0; v < count; v++)
            {
                var substitution = new Dictionary<Expr, Expr>();
                var rest = v;
                for (var i = categorical.Count - 1; i >= 0; i--)
                {
                    substitution[Symbol.Of(categorical[i].Variable)] = Number.Of(rest % sizes[i] + 1);
                    rest /= sizes[i];
                }
                var expressions = factor.Elements.SelectMany(e => e.Arguments).Select(a => Prepare(model, a, substitution, normalizer)).ToList();
                variants[v] = CompiledFunction.Compile(expressions, slots);
            }
            variable = [.. factor.Elements.Select(e => e.Variable.Select(s => slots[s]).ToArray())];
            arguments = new double[factor.Elements.Length * width];
        }

        private const double MaxArgument = 1e9;

        public void Draw(double[] values, Random random)
        {
            var v = 0;
            for (var i = 0; i < parents.Length; i++) v = v * sizes[i] + (int)values[parents[i]] - 1;
            variants[v].Evaluate(values, arguments);
            for (var e = 0; e < variable.Length; e++)
            {
                double[] draw;
                // An argument outside the family's domain (a rate that underflowed to 0) is MathNet's ArgumentException.
                try { draw = Draw(arguments.AsSpan(e * width, width), random, v); }
                catch (ArgumentException)
                {
                    throw new NumericException($"synthetic data cannot be drawn at these true parameters: {factor.Variable}'s {factor.Family.Name} got the arguments "
                        + $"({string.Join(", ", arguments.AsSpan(e * width, width).ToArray().Select(x => x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}) "
                        + "from the draws of the variables it depends on, outside its domain; give data with --data, or another --seed");
                }
                for (var i = 0; i < variable[e].Length; i++) values[variable[e][i]] = draw[i];
            }
        }

        // One draw of an element, as its variable's coordinates (a categorical's category 1..K).
        private double[] Draw(ReadOnlySpan<double> a, Random random, int variant)
        {
            var family = factor.Family;
            // Chained latents can carry a draw far out (a Gamma draw in a Poisson rate, an exponent of a
            // Normal draw): a non-finite argument has no distribution, and a Poisson rate of 1e11 takes
            // MathNet's sampler seconds per draw. Say so rather than hang.
            foreach (var value in a)
                if (!double.IsFinite(value) || Math.Abs(value) > MaxArgument)
                    throw new NumericException($"synthetic data cannot be drawn at these true parameters: an argument of {factor.Variable}'s {family.Name} came out as {value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} "
                        + $"from the draws of the variables it depends on; give data with --data, or another --seed");
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
                    var covariance = a.Slice(d, d * d).ToArray();
                    if (!roots.TryGetValue(variant, out var root) || !root.AsSpan(d * d).SequenceEqual(covariance))
                        roots[variant] = root = [.. (GaussianMixtureEm.Cholesky(covariance, d) ?? throw new NumericException("a covariance is not positive definite")), .. covariance];
                    var z = new double[d];
                    for (var i = 0; i < d; i++) z[i] = Normal.Sample(random, 0, 1);
                    var x = new double[d];
                    for (var i = 0; i < d; i++)
                    {
                        var s = a[i];
                        for (var j = 0; j <= i; j++) s += root[i * d + j] * z[j];
                        x[i] = s;
                    }
                    return x;
                }
                default:
                    throw new NumericException($"CriterionCheck cannot draw from the declared family {family.Name}; give data with --data");
            }
        }

        private static Expr Prepare(Model model, Expr e, Dictionary<Expr, Expr> substitution, Normalizer normalizer)
        {
            try { return NumericExpressions.Prepare(model, e, substitution, normalizer); }
            catch (NumericException x) { throw new NumericException(x.Message + " (or pass --data)"); }
        }
    }
}
