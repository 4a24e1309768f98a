using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Tests.Corpus;

/// <summary>What the numeric probe found at its sampled parameter points.</summary>
internal enum ProbeOutcome
{
    /// <summary>At every sampled parameter point, every group's stacked system η = Jβ has a solution β.</summary>
    Consistent,
    /// <summary>At some sampled parameter point some group's stacked system has no solution.</summary>
    Inconsistent,
    /// <summary>A residual fell between the two thresholds: numerically unclear.</summary>
    Inconclusive,
}

/// <summary>The probe's outcome with the largest relative residual and the group it came from.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Residual">The largest relative residual ‖η − Π_J η‖ / max(1, ‖η‖) over groups and points.</param>
/// <param name="Group">The factors of the group with that residual.</param>
internal sealed record ProbeResult(ProbeOutcome Outcome, double Residual, string Group);

/// <summary>
/// An engine-independent, numeric reading of the criterion, used to cross-check hand derivations and the
/// generator's outcome table. The criterion asks for a latent-free β(Θ) with η(z; Θ) = J(z; Θ)β(Θ) for
/// every latent value z, per group of factors sharing parameters (a prior's ζ = Jα is the same with no
/// parents). At a fixed parameter point Θ this is linear algebra: stack the rows (η, J) of every element,
/// natural parameter and latent point of the group — J by central differences in every free parameter
/// element — and ask whether η lies in the column space of J (least squares through an SVD). A nonzero
/// residual at one point proves the criterion fails (up to rounding); zero residuals at a few random
/// points are evidence, not proof, that it holds. Opaque functions are replaced by their bodies, so
/// this reads one concrete function, not every function; and a spec violated only at special parameter
/// points (a critical point of a parameterization) looks consistent at random points.
/// </summary>
internal static class NumericConsistencyProbe
{
    private const double ConsistentBelow = 1e-6;
    private const double InconsistentAbove = 1e-3;

    /// <summary>
    /// Probes <paramref name="model"/> at <paramref name="parameterPoints"/> random parameter points, each
    /// first passed through <paramref name="adjust"/> (e.g. to pin w[1] = 0) when given.
    /// </summary>
    public static ProbeResult Run(Model model, int parameterPoints = 2, int seed = 7, Action<Dictionary<Expr, double>>? adjust = null)
    {
        var naturals = model.Factors.ToDictionary(f => f.Variable,
            // Dependent elements (a simplex's last weight in a sum over its axis) in free coordinates, so that
            // differentiating by the free elements sees them move.
            f => f.Elements.Select(e => e.NaturalParameters.Select(n => CategoricalValues.Free(model, OpaqueBodies.Substitute(model, n, required: true))).ToArray()).ToArray());
        var latentPoints = LatentPoints(model, seed);
        var worst = new ProbeResult(ProbeOutcome.Consistent, 0, "");
        for (var k = 0; k < parameterPoints; k++)
        {
            var parameters = Parameters(model, seed * 1000 + k);
            adjust?.Invoke(parameters);
            foreach (var group in Groups(model))
            {
                var residual = Residual(model, group, naturals, parameters, latentPoints);
                if (residual > worst.Residual || double.IsNaN(residual))
                    worst = new ProbeResult(Classify(residual), residual, string.Join(", ", group.Select(f => f.Variable)));
            }
        }
        return worst;
    }

    private static ProbeOutcome Classify(double residual) =>
        double.IsNaN(residual) ? ProbeOutcome.Inconclusive
        : residual < ConsistentBelow ? ProbeOutcome.Consistent
        : residual > InconsistentAbove ? ProbeOutcome.Inconsistent
        : ProbeOutcome.Inconclusive;

    // Factors joined when they share a parameter block (union-find over blocks).
    private static List<List<Factor>> Groups(Model model)
    {
        var parent = model.Factors.ToDictionary(f => f.Variable, f => f.Variable);
        string Find(string v) => parent[v] == v ? v : parent[v] = Find(parent[v]);
        foreach (var block in model.Parameters)
        {
            var users = model.Factors.Where(f => f.Parameters.Contains(block.Name)).ToList();
            for (var i = 1; i < users.Count; i++) parent[Find(users[i].Variable)] = Find(users[0].Variable);
        }
        return [.. model.Factors.GroupBy(f => Find(f.Variable)).Select(g => g.ToList())];
    }

    private static double Residual(Model model, List<Factor> group, Dictionary<string, Expr[][]> naturals,
        Dictionary<Expr, double> parameters, List<Dictionary<Expr, double>> latentPoints)
    {
        var columns = model.Parameters.Where(b => group.Any(f => f.Parameters.Contains(b.Name))).SelectMany(b => b.FreeElements).Cast<Expr>().ToList();
        var categorical = model.Factors.Where(f => f.IsCategorical).Select(f => (Expr)Symbol.Of(f.Variable)).ToList();
        var rows = new List<(double Eta, double[] J)>();
        foreach (var factor in group)
        {
            var points = factor.Parents.IsEmpty ? latentPoints.Take(1) : latentPoints;
            foreach (var point in points)
                foreach (var element in naturals[factor.Variable])
                    foreach (var natural in element)
                    {
                        // A categorical latent indexes parameters (m[c, h]): substitute its value first.
                        // The element it names may be a dependent one (the last simplex weight): written in free coordinates.
                        var eta = categorical.Count == 0 ? natural
                            : CategoricalValues.Substitute(model, natural, categorical.ToDictionary(c => c, c => (Expr)Number.Of((int)point[c])));
                        double Value(Expr? at, double shift)
                        {
                            bool Lookup(Symbol s, out double v)
                            {
                                if (parameters.TryGetValue(s, out v))
                                {
                                    if (s.Equals(at)) v += shift;
                                    return true;
                                }
                                return point.TryGetValue(s, out v);
                            }
                            return Evaluator.Evaluate(eta, Lookup);
                        }
                        var value = Value(null, 0);
                        var jacobian = columns.Select(c =>
                        {
                            var h = 1e-5 * Math.Max(1, Math.Abs(parameters[c]));
                            return (Value(c, h) - Value(c, -h)) / (2 * h);
                        }).ToArray();
                        rows.Add((value, jacobian));
                    }
        }
        if (rows.Any(r => !double.IsFinite(r.Eta) || r.J.Any(j => !double.IsFinite(j)))) return double.NaN;

        // Row scaling and column normalisation change neither consistency nor the column space.
        var scaled = rows.Select(r => { var s = 1 / Math.Max(1, Math.Max(Math.Abs(r.Eta), r.J.Select(Math.Abs).DefaultIfEmpty(0).Max())); return (Eta: r.Eta * s, J: r.J.Select(j => j * s).ToArray()); }).ToList();
        var b = Vector<double>.Build.DenseOfEnumerable(scaled.Select(r => r.Eta));
        var norms = Enumerable.Range(0, columns.Count).Select(j => Math.Sqrt(scaled.Sum(r => r.J[j] * r.J[j]))).ToArray();
        var kept = Enumerable.Range(0, columns.Count).Where(j => norms[j] > 1e-12).ToList();
        var projection = Vector<double>.Build.Dense(b.Count);
        if (kept.Count > 0)
        {
            var a = Matrix<double>.Build.Dense(scaled.Count, kept.Count, (i, j) => scaled[i].J[kept[j]] / norms[kept[j]]);
            var svd = a.Svd(computeVectors: true);
            var s = svd.S;
            for (var k = 0; k < s.Count && s[k] > 1e-7 * s[0]; k++)
            {
                var u = svd.U.Column(k);
                projection += u * u.DotProduct(b);
            }
        }
        return (b - projection).L2Norm() / Math.Max(1, b.L2Norm());
    }

    // A base point, each latent element moved once, every configuration when the discrete latents are
    // few, and seeded random points — all on the latents' supports.
    private static List<Dictionary<Expr, double>> LatentPoints(Model model, int seed)
    {
        var latents = model.Factors.Where(f => f.Role != FactorRole.Observable)
            .SelectMany(f => f.Elements.SelectMany(e => e.Variable).Select(v => (Symbol: (Expr)v, f.Family.Support))).ToList();
        var basePoint = latents.ToDictionary(l => l.Symbol, l => Values(l.Support)[0]);
        var points = new List<Dictionary<Expr, double>> { basePoint };
        foreach (var (symbol, support) in latents)
            points.Add(new Dictionary<Expr, double>(basePoint) { [symbol] = Values(support)[1] });
        var configurations = latents.Aggregate(1.0, (n, l) => n * Values(l.Support).Length);
        if (configurations <= 1024)
            foreach (var combination in Cartesian(latents.Select(l => Values(l.Support)).ToList()))
            {
                var point = new Dictionary<Expr, double>(basePoint);
                for (var i = 0; i < latents.Count; i++) point[latents[i].Symbol] = combination[i];
                points.Add(point);
            }
        var random = new Random(seed);
        for (var k = 0; k < 24; k++) points.Add(latents.ToDictionary(l => l.Symbol, l => Draw(l.Support, random)));
        return points;
    }

    // Parameter values inside their domains. PointSampler is not used for scalar blocks: it gives the
    // whole-block symbol a value in (0.5, 1.5), which for a scalar block is the element itself (a
    // probability above 1).
    private static Dictionary<Expr, double> Parameters(Model model, int seed)
    {
        var values = new PointSampler(model, seed).Parameters();
        var random = new Random(seed);
        foreach (var block in model.Parameters.Where(b => b.Shape.IsEmpty))
            values[Symbol.Of(block.Name)] = block.Domain switch
            {
                ParameterDomain.Positive => 0.3 + 2 * random.NextDouble(),
                ParameterDomain.UnitInterval => 0.05 + 0.9 * random.NextDouble(),
                _ => 2 * random.NextDouble() - 1,
            };
        return values;
    }

    private static double Draw(Support support, Random random) => support.Kind switch
    {
        SupportKind.Binary => random.Next(2),
        SupportKind.Categorical => random.Next(1, support.Size + 1),
        SupportKind.BoundedCount => random.Next(support.Size + 1),
        SupportKind.Count => random.Next(8),
        SupportKind.Positive => 0.2 + 2 * random.NextDouble(),
        SupportKind.UnitInterval => 0.05 + 0.9 * random.NextDouble(),
        _ => 4 * random.NextDouble() - 2,
    };

    private static double[] Values(Support support) => support.Kind switch
    {
        SupportKind.Binary => [0, 1],
        SupportKind.Categorical => [.. Enumerable.Range(1, support.Size).Select(v => (double)v)],
        SupportKind.BoundedCount => [.. Enumerable.Range(0, Math.Min(support.Size, 3) + 1).Select(v => (double)v)],
        SupportKind.Count => [0, 1, 2, 3],
        SupportKind.Positive => [1, 2, 0.5, 3],
        SupportKind.UnitInterval => [0.5, 0.25, 0.8],
        _ => [0, 1, -0.5, 1.5],
    };

    private static IEnumerable<double[]> Cartesian(List<double[]> sets)
    {
        IEnumerable<double[]> result = [[]];
        foreach (var set in sets) result = result.SelectMany(prefix => set.Select(v => (double[])[.. prefix, v]));
        return result;
    }
}
