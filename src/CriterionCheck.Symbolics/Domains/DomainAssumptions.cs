using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Domains;

/// <summary>
/// Declared domains by variable name; an assumption on <c>pi</c> covers every <c>pi[k]</c>.
/// Variables with no assumption are real.
/// </summary>
public sealed record DomainAssumptions
{
    /// <summary>Every variable real.</summary>
    public static readonly DomainAssumptions None = new();

    /// <summary>The declared domains by name.</summary>
    public ImmutableDictionary<string, Domain> ByName { get; init; } = ImmutableDictionary<string, Domain>.Empty;

    /// <summary>
    /// Rows of simplex weights: the free weights of one probability vector, each in (0, 1) and summing
    /// to less than 1 (the last weight, 1 − Σ others, is positive).
    /// </summary>
    public ImmutableList<ImmutableHashSet<Symbol>> Simplices { get; init; } = [];

    /// <summary>
    /// Simplex blocks of symbolic size, by name, with the size symbol of their last axis: in a template,
    /// π[c] for c &lt; C are the free weights and π[C] = 1 − Σ_{c=1}^{C−1} π[c].
    /// </summary>
    public ImmutableDictionary<string, Expr> SimplexBlocks { get; init; } = ImmutableDictionary<string, Expr>.Empty;

    /// <summary>The sizes of a template (H, D, C, …): whole numbers ≥ 1. A sum over 1..H has at least one term; one over 1..H − 1 may have none.</summary>
    public ImmutableHashSet<string> Sizes { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>These assumptions plus the size <paramref name="name"/> (a whole number ≥ 1, hence positive).</summary>
    public DomainAssumptions WithSize(string name) => (this with { Sizes = Sizes.Add(name) }).With(name, Domain.Positive);

    /// <summary>These assumptions plus a simplex block of symbolic size (its weights also declared in (0, 1)).</summary>
    public DomainAssumptions WithSimplexBlock(string name, Expr size) => (this with { SimplexBlocks = SimplexBlocks.SetItem(name, size) }).With(name, Domain.UnitInterval);

    /// <summary>These assumptions plus one simplex row of free weights (each also declared in (0, 1)).</summary>
    public DomainAssumptions WithSimplex(IEnumerable<Symbol> weights)
    {
        var row = weights.ToImmutableHashSet();
        var result = this with { Simplices = Simplices.Add(row) };
        foreach (var name in row.Select(w => w.Name).Distinct()) result = result.With(name, Domain.UnitInterval);
        return result;
    }

    /// <summary>These assumptions plus <paramref name="name"/> ∈ <paramref name="domain"/>.</summary>
    public DomainAssumptions With(string name, Domain domain) => this with { ByName = ByName.SetItem(name, domain) };

    /// <summary>The domain of <paramref name="symbol"/>.</summary>
    public Domain Of(Symbol symbol) => ByName.TryGetValue(symbol.Name, out var d) ? d : Domain.Real;

    /// <summary>Parses a domain name: real, positive, unit (or "unit-interval", "(0,1)").</summary>
    public static Domain? ParseDomain(string text) => text.Trim().ToLowerInvariant() switch
    {
        "real" or "r" => Domain.Real,
        "positive" or "pos" or "(0,inf)" => Domain.Positive,
        "unit" or "unit-interval" or "unitinterval" or "(0,1)" => Domain.UnitInterval,
        _ => null,
    };
}
