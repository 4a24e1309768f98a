using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Families;

/// <summary>
/// An exponential family at a fixed dimension, p(x) = h(x)·exp(ηᵀT(x) − A(η)), described by the four
/// things the theory needs: the standard → natural map η(·), the sufficient statistics T, the
/// log-partition A and the base measure h. Built-in families and families declared in a spec are
/// both instances of this one class, so they behave identically everywhere downstream.
/// </summary>
public sealed class ExponentialFamily
{
    private readonly Lazy<Expr> pseudoEntropy;
    private readonly Lazy<Expr?> entropy;

    /// <summary>Builds a family; every expression must use only the symbols its role allows (checked).</summary>
    /// <exception cref="FamilyException">Mismatched lengths or a stray symbol.</exception>
    public ExponentialFamily(string name, ImmutableArray<FamilyParameter> parameters, ImmutableArray<Symbol> variable, Support support,
        ImmutableArray<Expr> statistics, ImmutableArray<Expr> naturalMap, Expr logPartition, Expr logBaseMeasure)
    {
        if (statistics.Length != naturalMap.Length)
            throw new FamilyException($"{name} has {naturalMap.Length} natural parameter(s) but {statistics.Length} statistic(s)");
        Name = name;
        Parameters = parameters;
        Variable = variable;
        Support = support;
        Statistics = statistics;
        NaturalMap = naturalMap;
        NaturalSymbols = [.. Enumerable.Range(1, naturalMap.Length).Select(k => Symbol.Of(NaturalSymbolName, k))];
        LogPartition = logPartition;
        LogBaseMeasure = logBaseMeasure;
        var assumptions = DomainAssumptions.None;
        foreach (var p in parameters) assumptions = assumptions.With(p.Name, p.Domain.EntryDomain());
        ParameterAssumptions = assumptions;
        var parameterSymbols = parameters.SelectMany(p => p.Entries).ToHashSet();
        RequireOnly(naturalMap, parameterSymbols, "the natural map", "the family's parameters");
        RequireOnly(statistics, [.. variable], "the statistics", "the variable");
        RequireOnly([logBaseMeasure], [.. variable], "the base measure", "the variable");
        RequireOnly([logPartition], [.. NaturalSymbols], "the log-partition", $"{NaturalSymbolName}[1..{naturalMap.Length}]");
        pseudoEntropy = new(() => ClosedFormEntropy is { } h ? Simplifier.Simplify(h + LogBaseMeasure, ParameterAssumptions) : EntropyDerivation.PseudoEntropy(this));
        entropy = new(() => ClosedFormEntropy is { } h ? Simplifier.Simplify(h, ParameterAssumptions) : EntropyDerivation.Entropy(this));
    }

    /// <summary>
    /// The entropy in the standard parameters when deriving it from A would need an identity the scalar
    /// normal form cannot see (a multivariate normal kept as Σ⁻¹ needs tr(Σ⁻¹Σ) = D); null for every
    /// family whose entropy is derived. Only a family with a constant base measure may set it; tests
    /// check it against the derived entropy where both exist.
    /// </summary>
    public Expr? ClosedFormEntropy { get; init; }

    /// <summary>True when the natural map keeps a matrix inverse or log-determinant whole (<see cref="MatrixFunction"/>).</summary>
    public bool KeepsMatricesWhole => NaturalMap.Any(ContainsMatrixFunction);

    private static bool ContainsMatrixFunction(Expr e) => e is MatrixFunction || e.Children.Any(ContainsMatrixFunction);

    /// <summary>The name of the symbols η₁, η₂, … in <see cref="LogPartition"/>.</summary>
    public const string NaturalSymbolName = "eta";

    /// <summary>The family's name, e.g. "Normal".</summary>
    public string Name { get; }

    /// <summary>The standard parameters, in argument order.</summary>
    public ImmutableArray<FamilyParameter> Parameters { get; }

    /// <summary>The coordinates of the variable (x, or x[1..D]; one-hot for categorical).</summary>
    public ImmutableArray<Symbol> Variable { get; }

    /// <summary>Where the variable lives.</summary>
    public Support Support { get; }

    /// <summary>The sufficient statistics T(x).</summary>
    public ImmutableArray<Expr> Statistics { get; }

    /// <summary>The natural parameters η as expressions in the standard parameters' entries.</summary>
    public ImmutableArray<Expr> NaturalMap { get; }

    /// <summary>
    /// Dependent entries in terms of free ones (a categorical's p_K = 1 − Σ others); derived expressions
    /// are written in free entries only. Empty for most families.
    /// </summary>
    public ImmutableDictionary<Symbol, Expr> Constraints { get; init; } = ImmutableDictionary<Symbol, Expr>.Empty;

    /// <summary>
    /// A known solution α of condition A for the family's own parameterization, one coefficient per free
    /// entry of <see cref="Parameters"/> in entry order (in the entry symbols), or empty. The engine
    /// proposes it when a factor's arguments are parameter entries themselves — a proposal, which the
    /// kernel proves like any other. Only families whose α a general elimination finds poorly carry one.
    /// </summary>
    public ImmutableArray<Expr> ConditionA { get; init; } = [];

    /// <summary>
    /// The entropy as the paper writes it, in the standard parameters, when that differs from the derived
    /// <see cref="Entropy"/> (the Bernoulli's −p log p − (1 − p) log(1 − p) rather than
    /// −log(1 − p) − p logit p); null when the derived form is the one to show. Only reports use it, and
    /// a test proves it equal to the derived entropy.
    /// </summary>
    public Expr? EntropyDisplay { get; init; }

    /// <summary>The symbols eta[1..k] in which <see cref="LogPartition"/> is written.</summary>
    public ImmutableArray<Symbol> NaturalSymbols { get; }

    /// <summary>The log-partition A(η).</summary>
    public Expr LogPartition { get; }

    /// <summary>log h(x).</summary>
    public Expr LogBaseMeasure { get; }

    /// <summary>The domains of the standard parameters, for normalisation.</summary>
    public DomainAssumptions ParameterAssumptions { get; }

    /// <summary>True when h does not depend on x (Theorem 1 applies); false for Poisson, binomial, ….</summary>
    public bool HasConstantBaseMeasure => !Variable.Any(LogBaseMeasure.Contains);

    /// <summary>The pseudo-entropy H̃ = A(η) − ηᵀ∇A(η) in the standard parameters, derived from A.</summary>
    public Expr PseudoEntropy => pseudoEntropy.Value;

    /// <summary>The entropy H = H̃ − log h in the standard parameters when h is constant; null otherwise (then H = H̃ − E[log h(x)]).</summary>
    public Expr? Entropy => entropy.Value;

    /// <summary>log p(x) = log h(x) + ηᵀT(x) − A(η), in the variable and eta symbols.</summary>
    public Expr LogDensity => Sum.Of([LogBaseMeasure, .. NaturalSymbols.Zip(Statistics, (e, t) => e * t), -LogPartition]);

    /// <summary>
    /// The natural parameters for concrete arguments: <paramref name="arguments"/> holds every entry of
    /// every parameter in <see cref="Parameters"/> order (row-major, dependent entries included).
    /// </summary>
    public ImmutableArray<Expr> NaturalParameters(IReadOnlyList<Expr> arguments, Normalizer normalizer)
    {
        var map = ArgumentMap(arguments);
        return [.. NaturalMap.Select(e => normalizer.Apply(Substitution.Substitute(e, map)))];
    }

    /// <summary>The substitution from parameter entry symbols to <paramref name="arguments"/>.</summary>
    public Dictionary<Expr, Expr> ArgumentMap(IReadOnlyList<Expr> arguments)
    {
        var entries = Parameters.SelectMany(p => p.Entries).ToList();
        if (entries.Count != arguments.Count)
            throw new ArgumentException($"{Name} takes {entries.Count} argument entries, got {arguments.Count}", nameof(arguments));
        var map = new Dictionary<Expr, Expr>();
        for (var i = 0; i < entries.Count; i++) map[entries[i]] = arguments[i];
        return map;
    }

    private void RequireOnly(IEnumerable<Expr> expressions, HashSet<Symbol> allowed, string what, string allowedText)
    {
        foreach (var e in expressions)
            foreach (var s in e.Symbols())
                if (!allowed.Contains(s))
                    throw new FamilyException($"{what} of {Name} may use only {allowedText}, but uses '{s}'");
    }
}
