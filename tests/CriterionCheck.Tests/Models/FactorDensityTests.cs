using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Tests.Models;

/// <summary>
/// The whole path spec → arguments → natural parameters, checked independently: at random parameter
/// and parent values, each factor element's exponential-family density h(x)·exp(ηᵀT(x) − A(η)) must
/// equal MathNet's density of the family at the element's standard arguments.
/// </summary>
public class FactorDensityTests
{
    public static TheoryData<string> CatalogFiles =>
        [.. Directory.GetFiles(RepositoryPaths.ModelSpecs, "*.model").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Exponential_family_form_of_every_factor_matches_the_direct_density(string file)
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog(file));
        var random = new Random(20261124);
        for (var trial = 0; trial < 5; trial++)
        {
            var values = RandomParameters(model, random);
            foreach (var factor in model.Factors)
            {
                // Parents first: draw this factor's variable so that children see a value.
                foreach (var element in factor.Elements)
                {
                    var arguments = element.Arguments.Select(a => Evaluate(a, model, values)).ToArray();
                    var eta = element.NaturalParameters.Select(n => Evaluate(n, model, values)).ToArray();
                    var x = Draw(factor.Family, arguments, random);
                    var efBindings = new Dictionary<Expr, double>();
                    for (var k = 0; k < eta.Length; k++) efBindings[factor.Family.NaturalSymbols[k]] = eta[k];
                    for (var k = 0; k < x.Length; k++) efBindings[factor.Family.Variable[k]] = x[k];
                    var ef = Evaluator.Evaluate(factor.Family.LogDensity, efBindings);
                    var direct = DirectLogDensity(factor.Family, arguments, x);
                    Assert.True(Math.Abs(ef - direct) <= 1e-9 * Math.Max(1, Math.Abs(direct)),
                        $"{file} {element.Label(factor.Variable)} trial {trial}: EF form {ef} vs direct {direct} at x = [{string.Join(", ", x)}]");
                    Bind(factor, element, x, values);
                }
            }
        }
    }

    private static Dictionary<Expr, double> RandomParameters(Model model, Random random)
    {
        var values = new Dictionary<Expr, double>();
        foreach (var p in model.Parameters)
        {
            switch (p.Domain)
            {
                case ParameterDomain.Simplex:
                    foreach (var group in p.Indices.GroupBy(i => string.Join(",", i.Take(i.Length - 1))))
                    {
                        var weights = group.Select(_ => 0.2 + random.NextDouble()).ToArray();
                        var total = weights.Sum();
                        foreach (var (index, w) in group.Zip(weights))
                            if (p.IsFree(index)) values[Symbol.Of(p.Name, index.ToArray())] = w / total;
                    }
                    break;
                case ParameterDomain.PositiveDefinite:
                    foreach (var group in p.Indices.GroupBy(i => string.Join(",", i.Take(i.Length - 2))))
                    {
                        var n = p.Shape[^1].Size;
                        var a = Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() - 0.5);
                        var sigma = a * a.Transpose() + Matrix<double>.Build.DenseIdentity(n) * 0.5;
                        foreach (var index in group.Where(p.IsFree))
                            values[Symbol.Of(p.Name, index.ToArray())] = sigma[index[^2] - 1, index[^1] - 1];
                    }
                    break;
                default:
                    foreach (var element in p.FreeElements)
                        values[element] = p.Domain switch
                        {
                            ParameterDomain.Positive => 0.3 + 2 * random.NextDouble(),
                            ParameterDomain.UnitInterval => 0.05 + 0.9 * random.NextDouble(),
                            _ => 2 * random.NextDouble() - 1,
                        };
                    break;
            }
        }
        return values;
    }

    // Categorical indices are substituted and opaque calls replaced by their concrete bodies first.
    private static double Evaluate(Expr e, Model model, Dictionary<Expr, double> values)
    {
        var map = new Dictionary<Expr, Expr>();
        foreach (var (symbol, value) in values)
            if (symbol is Symbol { Indices.IsEmpty: true } s && model.Factors.Any(f => f.Variable == s.Name && f.IsCategorical))
                map[symbol] = Number.Of((int)value);
        foreach (var call in Calls(e))
        {
            var f = model.Functions.Single(g => g.Name == call.Name);
            map[call] = f.Body[call.Indices.IsEmpty ? 0 : (int)((Number)call.Indices[0]).Value.Numerator - 1];
        }
        return Evaluator.Evaluate(Substitution.Substitute(e, map), values);
    }

    private static IEnumerable<OpaqueCall> Calls(Expr e) =>
        e is OpaqueCall o ? [o] : e.Children.SelectMany(Calls);

    private static double[] Draw(ExponentialFamily family, double[] a, Random random) => family.Name switch
    {
        "Bernoulli" => [random.NextDouble() < a[0] ? 1 : 0],
        "Categorical" => OneHot(random.Next(a.Length), a.Length),
        "Normal" => [a[0] + Math.Sqrt(a[1]) * (2 * random.NextDouble() - 1)],
        "MvNormal" => [.. Enumerable.Range(0, family.Variable.Length).Select(i => a[i] + random.NextDouble() - 0.5)],
        "Gamma" => [0.1 + 3 * random.NextDouble()],
        "Poisson" => [random.Next(6)],
        "Laplace" => [4 * random.NextDouble() - 2],
        _ => throw new NotSupportedException(family.Name),
    };

    private static double[] OneHot(int k, int categories)
    {
        var x = new double[categories - 1];
        if (k < categories - 1) x[k] = 1;
        return x;
    }

    private static double DirectLogDensity(ExponentialFamily family, double[] a, double[] x)
    {
        switch (family.Name)
        {
            case "Bernoulli": return Bernoulli.PMFLn(a[0], (int)x[0]);
            case "Categorical":
                var k = Array.IndexOf(x, 1.0);
                return Math.Log(k >= 0 ? a[k] : a[^1]);
            case "Normal": return Normal.PDFLn(a[0], Math.Sqrt(a[1]), x[0]);
            case "Gamma": return Gamma.PDFLn(a[0], a[1], x[0]);
            case "Poisson": return Poisson.PMFLn(a[0], (int)x[0]);
            case "Laplace": return Laplace.PDFLn(0, a[0], x[0]);
            case "MvNormal":
                var d = x.Length;
                var mean = Vector<double>.Build.DenseOfArray(a[..d]);
                var sigma = Matrix<double>.Build.Dense(d, d, (i, j) => a[d + i * d + j]);
                var r = Vector<double>.Build.DenseOfArray(x) - mean;
                return -0.5 * (d * Math.Log(2 * Math.PI) + Math.Log(sigma.Determinant()) + r * sigma.Inverse() * r);
            default: throw new NotSupportedException(family.Name);
        }
    }

    private static void Bind(Factor factor, FactorElement element, double[] x, Dictionary<Expr, double> values)
    {
        if (factor.IsCategorical)
        {
            var k = Array.IndexOf(x, 1.0);
            values[element.Variable[0]] = k >= 0 ? k + 1 : x.Length + 1;
            return;
        }
        for (var i = 0; i < x.Length; i++) values[element.Variable[i]] = x[i];
    }
}
