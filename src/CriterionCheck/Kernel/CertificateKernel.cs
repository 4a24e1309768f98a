using System.Collections.Immutable;
using CriterionCheck.Criterion;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Kernel;

/// <summary>
/// The small, independent re-check of every verdict (DESIGN §4). From the Model alone it forms, for a
/// certificate, each natural parameter's Jacobian-times-coefficients Σⱼ (∂η/∂θⱼ)·βⱼ, and checks η − Jβ ≡ 0 by the symbolic zero test and at random parameter
/// and latent points; it checks that the coefficients are free of latents and that every factor is
/// covered once. For a witness it checks yᵀJ = 0 over every parameter and yᵀη ≠ 0 at the given point.
/// </summary>
public static class CertificateKernel
{
    /// <summary>Random points at which each identity is evaluated.</summary>
    public const int Points = 6;

    /// <summary>|residual| ≤ Tolerance · scale counts as zero at a point.</summary>
    public const double Tolerance = 1e-8;

    private const int Seed = 4711;

    /// <summary>Checks a "satisfied" certificate.</summary>
    public static KernelResult Check(Model model, Certificate certificate)
    {
        var problems = new List<string>();
        var covered = certificate.Groups.SelectMany(g => g.Factors).ToList();
        foreach (var f in model.Factors)
            if (covered.Count(c => c == f.Variable) != 1)
                problems.Add($"factor {f.Variable} must be covered by exactly one group, not {covered.Count(c => c == f.Variable)}");
        foreach (var name in covered.Where(c => model.Factors.All(f => f.Variable != c)).Distinct())
            problems.Add($"the certificate names a factor {name} that the model does not have");
        var (proved, sampled) = (0, 0);
        if (problems.Count == 0)
            foreach (var group in certificate.Groups)
            {
                var (p, s) = CheckGroup(model, group, problems);
                proved += p;
                sampled += s;
            }
        return new KernelResult(problems.Count == 0, [.. problems], proved, sampled);
    }

    private static (int Proved, int Sampled) CheckGroup(Model model, FactorCertificate group, List<string> problems)
    {
        var latentNames = model.Factors.Select(f => f.Variable).ToHashSet(StringComparer.Ordinal);
        var allowed = new HashSet<Expr>();
        foreach (var name in group.Theta)
        {
            var block = model.Parameters.FirstOrDefault(p => p.Name == name);
            if (block is null) { problems.Add($"θ names a parameter {name} that the model does not have"); continue; }
            allowed.UnionWith(block.FreeElements);
            allowed.Add(Symbol.Of(name));
        }
        foreach (var (key, coefficient) in group.Coefficients)
        {
            if (!allowed.Contains(key)) problems.Add($"coefficient for {key}, which is not a free element of θ = {{{string.Join(", ", group.Theta)}}}");
            if (DependsOnLatents(coefficient, latentNames)) problems.Add($"the coefficient of {key}, {coefficient}, depends on latent variables");
        }
        if (problems.Count > 0) return (0, 0);

        var columns = group.Coefficients.Keys.OfType<Symbol>().ToHashSet();
        var zeroTest = new ZeroTest(model.Assumptions);
        var sampler = new PointSampler(model, Seed);
        var points = Enumerable.Range(0, Points).Select(_ => new Point(model, sampler.Parameters(), sampler.Latents())).ToList();
        var (proved, sampled) = (0, 0);
        foreach (var factor in group.Factors.Select(name => model.Factors.Single(f => f.Variable == name)))
            foreach (var element in factor.Elements)
                for (var k = 0; k < element.NaturalParameters.Length; k++)
                    foreach (var eta in CategoricalInstances(element.NaturalParameters[k], model))
                    {
                        var gradient = SparseGradient.Of(eta, columns);
                        var jacobianTimesCoefficients = Sum.Of(gradient.Select(g => g.Value * group.Coefficients[g.Key]));
                        // Canonical forms that are equal differ by exactly 0; subtracting would rebuild both.
                        var residual = jacobianTimesCoefficients.Equals(eta) ? Number.Zero : eta - jacobianTimesCoefficients;
                        var where = $"{element.Label(factor.Variable)}, natural parameter {k + 1}";
                        if (zeroTest.Prove(residual)) proved++;
                        else sampled++;
                        foreach (var point in points)
                        {
                            var opaque = new Dictionary<OpaqueCall, double>();
                            var value = Evaluate(residual, point, opaque);
                            var scale = Math.Max(1, Math.Abs(Evaluate(eta, point, opaque)));
                            if (!double.IsFinite(value) || Math.Abs(value) > Tolerance * scale)
                            {
                                problems.Add($"{where}: η − Jβ = {value:G6} at a random point, not 0 (η − Jβ = {residual})");
                                break;
                            }
                        }
                    }
        return (proved, sampled);
    }

    /// <summary>Checks a "violated" witness.</summary>
    public static KernelResult Check(Model model, Witness witness)
    {
        var problems = new List<string>();
        var factors = witness.Factors.Select(name => model.Factors.SingleOrDefault(f => f.Variable == name)).ToList();
        if (factors.Any(f => f is null) || factors.Count == 0) return new KernelResult(false, ["the witness names a factor the model does not have"], 0, 0);
        if (witness.Rows.IsEmpty) return new KernelResult(false, ["the witness has no rows"], 0, 0);
        var parameterNames = factors.SelectMany(f => f!.Parameters).ToHashSet(StringComparer.Ordinal);
        var points = witness.LatentPoints.Select(l => new Point(model, witness.Parameters, l)).ToList();
        var opaque = points.Select(_ => new Dictionary<OpaqueCall, double>()).ToList();
        var etaSum = 0.0;
        var etaScale = 0.0;
        var columnSums = new Dictionary<Expr, (double Sum, double Scale)>();
        foreach (var row in witness.Rows)
        {
            var factor = factors.FirstOrDefault(f => f!.Variable == row.Factor);
            if (factor is null || row.Element < 0 || row.Element >= factor.Elements.Length || row.LatentPoint < 0 || row.LatentPoint >= witness.LatentPoints.Length
                || row.Natural < 0 || row.Natural >= factor.Elements[row.Element].NaturalParameters.Length)
                return new KernelResult(false, ["a witness row points outside the model"], 0, 0);
            var eta = factor.Elements[row.Element].NaturalParameters[row.Natural];
            var point = points[row.LatentPoint];
            var value = row.Weight * Evaluate(eta, point, opaque[row.LatentPoint]);
            etaSum += value;
            etaScale += Math.Abs(value);
            // Every parameter the group uses is a column: its free elements, and whole blocks inside opaque calls.
            foreach (var column in eta.Symbols().Where(s => parameterNames.Contains(s.Name)).Cast<Expr>())
            {
                var derivative = row.Weight * Evaluate(Differentiator.Differentiate(eta, column), point, opaque[row.LatentPoint]);
                var (sum, scale) = columnSums.GetValueOrDefault(column);
                columnSums[column] = (sum + derivative, scale + Math.Abs(derivative));
            }
        }
        foreach (var (column, (sum, scale)) in columnSums)
            if (!double.IsFinite(sum) || Math.Abs(sum) > Tolerance * Math.Max(1, scale))
                problems.Add($"yᵀJ is {sum:G6} in the column of {column}, not 0");
        if (!double.IsFinite(etaSum) || Math.Abs(etaSum) <= 1e-6 * Math.Max(1, etaScale))
            problems.Add($"yᵀη is {etaSum:G6}, which does not show an inconsistency");
        return new KernelResult(problems.Count == 0, [.. problems], 0, 0);
    }

    // A categorical latent indexes parameters (mu[c, d]); the Jacobian is taken for each of its values.
    private static IEnumerable<Expr> CategoricalInstances(Expr eta, Model model)
    {
        if (!model.Factors.Any(f => f.IsCategorical)) { yield return eta; yield break; }
        var indices = eta.Symbols().Where(s => model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name)).ToList();
        var sizes = indices.Select(s => model.Factors.Single(f => f.Variable == s.Name).Family.Support.Size).ToList();
        foreach (var values in IndexTuples.Over(sizes))
            yield return indices.Count == 0 ? eta
                : Substitution.Substitute(eta, indices.Select((s, i) => (s, values[i])).ToDictionary(p => (Expr)p.s, p => (Expr)Number.Of(p.Item2)));
    }

    private static bool DependsOnLatents(Expr e, HashSet<string> latentNames) =>
        e is OpaqueCall || e is Symbol s && latentNames.Contains(s.Name) || e.Children.Any(c => DependsOnLatents(c, latentNames));

    // A point to evaluate at: parameter and latent values merged once, categorical indices ready to put in.
    private sealed class Point
    {
        public Point(Model model, IReadOnlyDictionary<Expr, double> parameters, IReadOnlyDictionary<Expr, double> latents)
        {
            // Latent values over parameter values, without copying the (possibly very large) parameter map.
            Values = (Symbol s, out double v) => latents.TryGetValue(s, out v) || parameters.TryGetValue(s, out v);
            // A categorical latent is an index: its value goes in first, so that mu[c, d] names an element.
            Indices = latents.Where(l => l.Key is Symbol s && model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name))
                .ToDictionary(l => l.Key, l => (Expr)Number.Of((int)l.Value));
            // Opaque values differ from point to point, as f(z) does with z; the seed is fixed by the point's values.
            Seed = CertificateKernel.Seed + (int)(latents.Values.Sum(v => Math.Abs(v)) * 1000 % 100_000);
        }

        public SymbolValues Values { get; }
        public Dictionary<Expr, Expr> Indices { get; }
        public int Seed { get; }
    }

    private static double Evaluate(Expr e, Point point, Dictionary<OpaqueCall, double> opaque)
    {
        if (point.Indices.Count > 0) e = Substitution.Substitute(e, point.Indices);
        // Opaque values and derivative atoms are unknowns: each distinct call gets its own random value.
        return Evaluator.Evaluate(e, point.Values, (call, _) =>
            opaque.TryGetValue(call, out var known) ? known : opaque[call] = 2 * new Random(point.Seed + opaque.Count).NextDouble() - 1);
    }
}
