using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Symbolics.Tests;

/// <summary>Shared parsing helpers: "x:positive,p:unit" assumption strings and a context declaring f and g opaque.</summary>
public static class TestSupport
{
    public static readonly ExpressionContext Context = ExpressionContext.Default
        .WithOpaqueFunction("f").WithOpaqueFunction("g");

    public static Expr Parse(string text, params string[] declaredSymbols) =>
        ExpressionParser.Parse(text, Context with { DeclaredSymbols = [.. declaredSymbols] });

    public static DomainAssumptions Assumptions(string spec)
    {
        var a = DomainAssumptions.None;
        foreach (var item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            a = a.With(parts[0], DomainAssumptions.ParseDomain(parts[1]) ?? throw new ArgumentException(item));
        }
        return a;
    }

    /// <summary>Names in the assumptions count as declared symbols (so "pi:unit" makes pi a variable).</summary>
    public static ImmutableArray<string> Declared(string spec) =>
        [.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(i => i.Split(':')[0])];
}
