using System.Collections.Immutable;
using CriterionCheck.EntropySum;
using CriterionCheck.Families;
using CriterionCheck.Numerics.Em;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Verification;

namespace CriterionCheck.Numerics;

/// <summary>How the variational distributions are treated during training.</summary>
public enum PosteriorMode
{
    /// <summary>The best q available: the exact posterior where computable, else a fitted Gaussian q (refitted every iteration).</summary>
    Optimal,
    /// <summary>q fitted once at the starting parameters and then held fixed; only θ moves. The theorems need nothing of q.</summary>
    Frozen,
}

/// <summary>
/// A checked model prepared for numeric work on a data set: the compiled log-joint, the variational
/// family, the ELBO and the entropy sum — the certified one when the criterion holds, the candidate
/// sum (what the theorems would give) when it fails.
/// </summary>
public sealed class NumericModel
{
    /// <summary>Prepares <paramref name="check"/>'s model for <paramref name="data"/>; <paramref name="seed"/> fixes a Gaussian q's samples.</summary>
    /// <exception cref="NumericException">The model cannot be evaluated numerically (and why).</exception>
    public NumericModel(ModelCheck check, DataSet data, int seed, int samples = 10)
    {
        Check = check;
        Data = data;
        Space = new ParameterSpace(check.Target);
        Layout = new LatentLayout(check.Target);
        if (data.Rows.Any(r => r.Length != Layout.Observed.Length))
            throw new NumericException($"each data point needs {Layout.Observed.Length} values ({string.Join(", ", Layout.Observed)})");
        if (Unsupported(Layout) is { } unsupported) throw new NumericException(unsupported);
        Certified = EntropySumBuilder.Build(check);
        Formula = Certified ?? EntropySumBuilder.Candidate(check.Target);
        var linear = LinearGaussianForm.Detect(check.Target, new DisplayExpression([], Number.Zero));
        joint = new Lazy<LogJoint>(() => new LogJoint(check.Target, Space, Layout));
        objective = new Lazy<ElboObjective>(() => new ElboObjective(Joint, data));
        family = new Lazy<IVariationalFamily>(() => Layout.AllDiscrete ? new EnumeratedPosterior(Joint, data)
            : linear is not null ? new LinearGaussianPosterior(linear, Space, data)
            : new SampledGaussianPosterior(Joint, data, samples, seed));
        Em = CreateEm(check, linear, out var reason);
        EmReason = reason;
        if (Em is not null && linear is not null) Linear = LinearGaussianEm.TryCreate(check.Target, Space, Layout, linear, data, out _);
        if (Em is null)
        {
            // The general path: build it now, so that a model it cannot handle is reported before training.
            _ = Joint;
            _ = Family;
        }
        Minimal = Certified is null ? null : [.. Certified.StationaryIn.SelectMany(b => Positions(b))];
        Theorem2Data = Formula.Terms.Any(t => t.Averaging == Averaging.Data)
            ? [.. data.Rows.Select(r => (IReadOnlyDictionary<Expr, double>)Layout.Observed.Select((s, i) => (s, i)).ToDictionary(p => (Expr)p.s, p => r[p.i]))]
            : null;
    }

    /// <summary>Why numeric cannot handle a model with these latents (before any data is drawn), or null.</summary>
    public static string? Unsupported(LatentLayout layout)
    {
        // Enumeration needs finitely many values; a Gaussian q needs real or positive coordinates.
        if (layout.Latents.FirstOrDefault(l => l.Support.Kind == SupportKind.Count) is { } count)
            return $"numeric checks need latents with finitely many values or continuous ones; {count.Symbol} is an unbounded count";
        if (!layout.AllDiscrete && layout.Latents.FirstOrDefault(l => l.Support.Kind == SupportKind.UnitInterval) is { } unit)
            return $"a Gaussian q needs real or positive latents; {unit.Symbol} lives on (0, 1)";
        return null;
    }

    private readonly Lazy<LogJoint> joint;
    private readonly Lazy<ElboObjective> objective;
    private readonly Lazy<IVariationalFamily> family;

    // The structured path when the model's structure offers one: an exact E-step by enumeration or by
    // the linear-Gaussian posterior, or per-point Gaussian q's, with block-wise M-steps.
    private EmPath? CreateEm(ModelCheck check, LinearGaussianForm? linear, out string? reason)
    {
        var structure = EmStructure.TryCreate(check.Target, Space, Layout, out reason);
        if (structure is null) return null;
        IStatisticsSource? source = structure.IsEnumerable ? new EnumeratedEStep(structure, Data)
            : structure.Gaussian is not null ? null
            : !Layout.AllDiscrete ? new PerPointSource(Family, structure, Data) // per-point Gaussians (one per discrete configuration)
            : null;
        if (source is null)
        {
            reason = structure.Gaussian is not null
                ? "a multivariate normal observable needs latents that can be enumerated"
                : $"the latents have more than {EmStructure.MaxConfigurations} joint configurations";
            return null;
        }
        var objectiveEm = new CompleteDataObjective(structure);
        return new EmPath(structure, objectiveEm, new MStep(objectiveEm), source);
    }

    /// <summary>The checked model.</summary>
    public ModelCheck Check { get; }

    /// <summary>The data.</summary>
    public DataSet Data { get; }

    /// <summary>The parameter vector.</summary>
    public ParameterSpace Space { get; }

    /// <summary>The variables.</summary>
    public LatentLayout Layout { get; }

    /// <summary>The compiled log-joint (the general path; built on first use).</summary>
    public LogJoint Joint => joint.Value;

    /// <summary>The ELBO for fixed q (the general path).</summary>
    public ElboObjective Objective => objective.Value;

    /// <summary>The structured path (EM on the model's structure), or null when it does not apply; see <see cref="EmReason"/>.</summary>
    public EmPath? Em { get; }

    /// <summary>Why the structured path does not apply, or null.</summary>
    public string? EmReason { get; }

    /// <summary>The closed-form EM of a linear-Gaussian model whose arguments are parameters or constants (p-PCA, FA), or null.</summary>
    public LinearGaussianEm? Linear { get; }

    /// <summary>The certified entropy sum, or null when the criterion fails.</summary>
    public EntropySumFormula? Certified { get; }

    /// <summary>The entropy sum evaluated: the certified one, or the candidate.</summary>
    public EntropySumFormula Formula { get; }

    /// <summary>How q is chosen on the general path.</summary>
    public IVariationalFamily Family => family.Value;

    /// <summary>The θ positions of the minimal stationarity set; null when the criterion fails.</summary>
    public ImmutableArray<int>? Minimal { get; }

    private IReadOnlyList<IReadOnlyDictionary<Expr, double>>? Theorem2Data { get; }

    /// <summary>The θ positions of block <paramref name="name"/>.</summary>
    public IEnumerable<int> Positions(string name)
    {
        var range = Space.Block(name);
        return Enumerable.Range(range.Start, range.Count);
    }

    /// <summary>Every figure at (θ, q).</summary>
    public PointReport Report(double[] theta, VariationalState q)
    {
        var (elbo, gradient) = Objective.Evaluate(theta, q);
        return Report(theta, q, elbo, gradient);
    }

    /// <summary>Every figure at (θ, q), given F and ∂F/∂θ there.</summary>
    public PointReport Report(double[] theta, VariationalState q, double elbo, double[] gradient)
    {
        var parameters = Space.AsMap(theta);
        var summary = Summary(q);
        var terms = Formula.Terms.Select(t => Formula with { Terms = [t] }).Select(f => f.Terms[0].Sign * f.Evaluate(parameters, summary)).ToArray();
        var entropySum = 0.0;
        for (var i = 0; i < terms.Length; i++) entropySum += Formula.Terms[i].Sign * terms[i];
        double? minimal = Minimal is { } m ? Math.Sqrt(m.Sum(i => gradient[i] * gradient[i])) : null;
        double? closed = Certified?.ExactPosterior?.Evaluate(parameters);
        var logLikelihood = q.IsExactPosterior ? q.LogLikelihood : Family.IsExact ? Family.Fit(theta, null).LogLikelihood : null;
        return new PointReport(elbo, entropySum, elbo - entropySum, Maximizer.Norm(gradient), minimal, logLikelihood, closed) { Gradient = gradient, Terms = terms };
    }

    /// <summary>
    /// Every figure at θ for the statistics <paramref name="q"/> of the structured path (q fitted at θ or
    /// held fixed); the closed form is left to <see cref="Finish"/>, since training reports every iteration.
    /// </summary>
    public PointReport Report(double[] theta, ExpectedStatistics q) =>
        Report(theta, q, (Em ?? throw new InvalidOperationException("the structured path does not apply to this model")).Objective.Evaluate(theta, q));

    /// <summary>Every figure at θ for <paramref name="q"/>, from an evaluation <paramref name="result"/> of the objective there (with its gradient).</summary>
    public PointReport Report(double[] theta, ExpectedStatistics q, CompleteDataObjective.Result result)
    {
        var n = q.Points;
        var gradient = result.Gradient!.Select(g => g / n).ToArray();
        var elbo = CompleteDataObjective.Elbo(result, q);
        var terms = NumericEntropySum.Terms(Formula, result, q);
        double? logLikelihood = q.IsExactPosterior ? q.LogLikelihood / n : null;
        return Figures(elbo, terms, gradient, logLikelihood);
    }

    /// <summary>Every figure at θ for the linear-Gaussian posterior moments <paramref name="m"/> (exact when computed at θ and not held fixed).</summary>
    public PointReport Report(double[] theta, LinearGaussianEm.Moments m, bool exact = true)
    {
        var em = Em!;
        var figures = Linear!.Evaluate(theta, m);
        var n = Data.Count;
        ExpectedStatistics q;
        if (Formula.Terms.All(t => t.Kind == TermKind.VariationalEntropy || t.Averaging == Averaging.None))
        {
            // No term depends on the latents: one configuration (z = 0) carries every entropy.
            q = new ExpectedStatistics(1, Layout.Latents.Length, em.Structure.StatisticWidth, n);
            q.Weights[0] = n;
        }
        else q = em.Source.Fit(m.Theta, null);
        q.Entropy = n * m.Entropy;
        var result = em.Objective.Evaluate(theta, q, gradient: false);
        return Figures(figures.Elbo, NumericEntropySum.Terms(Formula, result, q), figures.Gradient, exact ? m.LogLikelihood / n : null);
    }

    private PointReport Figures(double elbo, double[] terms, double[] gradient, double? logLikelihood)
    {
        var entropySum = 0.0;
        for (var i = 0; i < terms.Length; i++) entropySum += Formula.Terms[i].Sign * terms[i];
        double? minimal = Minimal is { } m ? Math.Sqrt(m.Sum(i => gradient[i] * gradient[i])) : null;
        return new PointReport(elbo, entropySum, elbo - entropySum, Maximizer.Norm(gradient), minimal, logLikelihood, null) { Gradient = gradient, Terms = terms };
    }

    /// <summary><paramref name="report"/> with the exact-posterior closed form at <paramref name="theta"/> added, for a final report.</summary>
    public PointReport Finish(double[] theta, PointReport report) =>
        Certified?.ExactPosterior is { } form ? report with { ClosedForm = form.Evaluate(Space.AsMap(theta)) } : report;

    /// <summary>Every figure at given parameters <paramref name="theta"/>, with q the best available there (what <c>evaluate</c> reports).</summary>
    public PointReport Evaluate(double[] theta)
    {
        if (Linear is { } lg) return Finish(theta, Report(theta, lg.EStep(theta)));
        if (Em is { } em) return Finish(theta, Report(theta, em.Source.Fit(theta, null)));
        return Report(theta, Family.Fit(theta, null));
    }

    /// <summary>How <see cref="Evaluate"/> chooses q, for reports.</summary>
    public string Description => Linear is not null ? "exact Gaussian posterior (linear-Gaussian model), from the data's moments" : Em?.Source.Description ?? Family.Description;

    /// <summary>What the entropy sum needs of q: its mean entropy and q̄ as weighted points (equal configurations merged).</summary>
    public VariationalSummary Summary(VariationalState q)
    {
        var n = Data.Count;
        var merged = new Dictionary<string, (double Weight, double[] Latents)>();
        var order = new List<string>();
        for (var i = 0; i < q.Weights.Length; i++)
        {
            var key = string.Join(",", q.Latents[i].Select(v => BitConverter.DoubleToInt64Bits(v)));
            if (merged.TryGetValue(key, out var known)) merged[key] = (known.Weight + q.Weights[i] / n, known.Latents);
            else
            {
                merged[key] = (q.Weights[i] / n, q.Latents[i]);
                order.Add(key);
            }
        }
        var aggregate = order.Select(k => merged[k]).Select(p =>
            (p.Weight, (IReadOnlyDictionary<Expr, double>)Layout.Latents.Select((l, i) => (l, i)).ToDictionary(x => (Expr)x.l.Symbol, x => p.Latents[x.i]))).ToList();
        return new VariationalSummary(q.MeanEntropy, aggregate, Theorem2Data);
    }
}
