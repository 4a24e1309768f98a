using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Models;

/// <summary>
/// Turns a <c>family … end</c> block into a <see cref="FamilyDefinition"/>, checking that each item
/// uses only what it may: the natural map its parameters, the statistics and base measure the
/// variable x, the log-partition eta[1..k].
/// </summary>
public static class DeclaredFamilyBuilder
{
    /// <summary>The definition for <paramref name="statement"/>.</summary>
    /// <exception cref="SpecException">A missing or ill-formed item.</exception>
    public static FamilyDefinition Build(FamilyStatement statement)
    {
        var name = statement.Name.Text;
        var parameters = ImmutableArray.CreateBuilder<FamilyParameter>();
        foreach (var (p, domain) in statement.Parameters)
        {
            if (domain.Domain is ParameterDomain.Simplex or ParameterDomain.PositiveDefinite)
                throw new SpecException("a declared family takes scalar parameters: real, positive or unit", domain.Span);
            if (parameters.Any(q => q.Name == p.Text)) throw new SpecException($"family {name} has two parameters named '{p.Text}'", p.Span);
            if (p.Text is "x" or ExponentialFamily.NaturalSymbolName)
                throw new SpecException($"'{p.Text}' is reserved in a family declaration (x is the variable, eta the natural parameters)", p.Span);
            parameters.Add(FamilyParameter.Scalar(p.Text, domain.Domain));
        }
        if (parameters.Count == 0) throw new SpecException($"family {name} needs at least one parameter", statement.Name.Span);

        var support = statement.Support.Text switch
        {
            "binary" => new Support(SupportKind.Binary),
            "counts" => new Support(SupportKind.Count),
            "positive" => new Support(SupportKind.Positive),
            "unit" => new Support(SupportKind.UnitInterval),
            _ => new Support(SupportKind.Real),
        };
        var x = Symbol.Of("x");
        var parameterNames = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        var natural = Item(statement, "natural");
        var naturalMap = natural.Expressions.Select(e => Lower(e, parameterNames, "the natural map", $"the parameters {string.Join(", ", parameterNames)}")).ToImmutableArray();
        var statisticsItem = Item(statement, "statistics");
        if (statisticsItem.Expressions.Length != naturalMap.Length)
            throw new SpecException($"family {name} has {naturalMap.Length} natural parameter(s) but {statisticsItem.Expressions.Length} statistic(s)", statisticsItem.Keyword.Span);
        var statistics = statisticsItem.Expressions.Select(e => Lower(e, new HashSet<string> { "x" }, "a statistic", "the variable x")).ToImmutableArray();
        var logPartitionItem = Single(Item(statement, "log_partition"));
        var logPartition = LowerLogPartition(logPartitionItem, naturalMap.Length);

        Expr logBase;
        var hasBase = statement.Items.TryGetValue("base_measure", out var baseItem);
        var hasLogBase = statement.Items.TryGetValue("log_base_measure", out var logBaseItem);
        if (hasBase == hasLogBase)
            throw new SpecException($"family {name} needs exactly one of base_measure (h(x)) or log_base_measure (log h(x))", statement.Name.Span);
        if (hasBase)
        {
            var h = Lower(Single(baseItem!), new HashSet<string> { "x" }, "the base measure", "the variable x");
            var domain = support.Kind switch { SupportKind.Positive => Domain.Positive, SupportKind.UnitInterval => Domain.UnitInterval, _ => Domain.Real };
            logBase = new Normalizer(DomainAssumptions.None.With("x", domain)).LogOf(h);
        }
        else logBase = Lower(Single(logBaseItem!), new HashSet<string> { "x" }, "the log base measure", "the variable x");

        try
        {
            var family = new ExponentialFamily(name, parameters.ToImmutable(), [x], support, statistics, naturalMap, logPartition, logBase);
            return FamilyDefinition.Fixed(family, $"{name}({string.Join(", ", parameterNames)}), declared in the spec");
        }
        catch (FamilyException e) { throw new SpecException(e.Message, statement.Name.Span); }
    }

    private static FamilyItem Item(FamilyStatement statement, string keyword) =>
        statement.Items.TryGetValue(keyword, out var item) ? item
        : throw new SpecException($"family {statement.Name.Text} has no '{keyword}' line", statement.Name.Span);

    private static Syntax Single(FamilyItem item) =>
        item.Expressions.Length == 1 ? item.Expressions[0]
        : throw new SpecException($"'{item.Keyword.Text}' takes one expression, not {item.Expressions.Length}", item.Keyword.Span);

    private static Expr Lower(Syntax syntax, ISet<string> allowed, string what, string allowedText)
    {
        var context = new ExpressionContext
        {
            MatrixFunctions = false,
            DeclaredSymbols = [.. allowed],
            ResolveName = r => r.Indices.IsEmpty && allowed.Contains(r.Name)
                ? Symbol.Of(r.Name)
                : throw new ExpressionException($"{what} may use only {allowedText}, not '{r.Name}'", r.Span),
        };
        return Lowering.Lower(syntax, context);
    }

    private static Expr LowerLogPartition(Syntax syntax, int count)
    {
        var context = new ExpressionContext
        {
            MatrixFunctions = false,
            ResolveName = r =>
                r.Name == ExponentialFamily.NaturalSymbolName && r.Indices is [Number { Value: { IsInteger: true } k }] && k.Numerator >= 1 && k.Numerator <= count
                    ? Symbol.Of(r.Name, r.Indices)
                    : throw new ExpressionException($"the log-partition may use only {(count == 1 ? "eta[1]" : $"eta[1] … eta[{count}]")}, not '{r.Name}{(r.Indices.IsEmpty ? "" : $"[{string.Join(",", r.Indices)}]")}'", r.Span),
        };
        return Lowering.Lower(syntax, context);
    }
}
