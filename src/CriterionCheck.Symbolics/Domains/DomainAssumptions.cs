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
