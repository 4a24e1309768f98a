using System.Collections.Immutable;
using CriterionCheck.EntropySum;
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
        Space = new ParameterSpace(check.Model);
        Layout = new LatentLayout(check.Model);
        if (data.Rows.Any(r => r.Length != Layout.Observed.Length))
            throw new NumericException($"each data point needs {Layout.Observed.Length} values ({string.Join(", ", Layout.Observed)})");
        Joint = new LogJoint(check.Model, Space, Layout);
        Objective = new ElboObjective(Joint, data);
        Certified = EntropySumBuilder.Build(check);
        Formula = Certified ?? EntropySumBuilder.Candidate(check.Model);
        var linear = LinearGaussianForm.Detect(check.Model, new DisplayExpression([], Number.Zero));
        Family = Layout.AllDiscrete ? new EnumeratedPosterior(Joint, data)
            : linear is not null ? new LinearGaussianPosterior(linear, Space, data)
            : Layout.AllContinuous ? new SampledGaussianPosterior(Joint, data, samples, seed)
            : throw new NumericException("numeric checks need the latents to be all discrete or all continuous; this model mixes them");
        Minimal = Certified is null ? null : [.. Certified.StationaryIn.SelectMany(b => Positions(b))];
        Theorem2Data = Formula.Terms.Any(t => t.Averaging == Averaging.Data)
            ? [.. data.Rows.Select(r => (IReadOnlyDictionary<Expr, double>)Layout.Observed.Select((s, i) => (s, i)).ToDictionary(p => (Expr)p.s, p => r[p.i]))]
            : null;
    }

    /// <summary>The checked model.</summary>
    public ModelCheck Check { get; }

    /// <summary>The data.</summary>
    public DataSet Data { get; }

    /// <summary>The parameter vector.</summary>
    public ParameterSpace Space { get; }

    /// <summary>The variables.</summary>
    public LatentLayout Layout { get; }

    /// <summary>The compiled log-joint.</summary>
    public LogJoint Joint { get; }

    /// <summary>The ELBO for fixed q.</summary>
    public ElboObjective Objective { get; }

    /// <summary>The certified entropy sum, or null when the criterion fails.</summary>
    public EntropySumFormula? Certified { get; }

    /// <summary>The entropy sum evaluated: the certified one, or the candidate.</summary>
    public EntropySumFormula Formula { get; }

    /// <summary>How q is chosen.</summary>
    public IVariationalFamily Family { get; }

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
        var entropySum = Formula.Evaluate(parameters, Summary(q));
        double? minimal = Minimal is { } m ? Math.Sqrt(m.Sum(i => gradient[i] * gradient[i])) : null;
        double? closed = Certified?.ExactPosterior?.Evaluate(parameters);
        var logLikelihood = q.IsExactPosterior ? q.LogLikelihood : Family.IsExact ? Family.Fit(theta, null).LogLikelihood : null;
        return new PointReport(elbo, entropySum, elbo - entropySum, Maximizer.Norm(gradient), minimal, logLikelihood, closed);
    }

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
