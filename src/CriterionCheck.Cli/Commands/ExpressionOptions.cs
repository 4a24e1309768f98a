using System.CommandLine;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Cli.Commands;

/// <summary>Options shared by the expression commands and the parsing of their arguments.</summary>
public sealed class ExpressionOptions
{
    /// <summary>--latex: print LaTeX instead of plain text.</summary>
    public Option<bool> Latex { get; } = new("--latex") { Description = "Print the result as LaTeX instead of plain text." };

    /// <summary>--assume NAME=DOMAIN (repeatable).</summary>
    public Option<string[]> Assume { get; } = new("--assume", "-a")
    {
        Description = "Declare a variable's domain: NAME=real|positive|unit (unit is (0,1)). Repeatable; NAME covers every NAME[...].",
        HelpName = "NAME=DOMAIN",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>--function NAME (repeatable): an opaque function.</summary>
    public Option<string[]> Function { get; } = new("--function", "-f")
    {
        Description = "Declare an opaque function NAME, called as NAME(inputs; parameters). Repeatable.",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Latex);
        command.Options.Add(Assume);
        command.Options.Add(Function);
    }

    /// <summary>The domain assumptions given with --assume.</summary>
    public DomainAssumptions Assumptions(ParseResult parse)
    {
        var result = DomainAssumptions.None;
        foreach (var item in parse.GetValue(Assume) ?? [])
        {
            var eq = item.IndexOf('=');
            var name = eq < 0 ? "" : item[..eq].Trim();
            var domain = eq < 0 ? null : DomainAssumptions.ParseDomain(item[(eq + 1)..]);
            if (name.Length == 0 || !IsIdentifier(name) || domain is null)
                throw new UsageException($"--assume expects NAME=DOMAIN with DOMAIN one of real, positive, unit; got '{item}'");
            result = result.With(name, domain.Value);
        }
        return result;
    }

    /// <summary>
    /// The expression context: opaque functions from --function; names given a domain with --assume are
    /// variables, so <c>--assume pi=unit</c> makes pi the paper's mixing weight rather than π.
    /// </summary>
    public ExpressionContext Context(ParseResult parse)
    {
        var context = ExpressionContext.Default with { DeclaredSymbols = [.. Assumptions(parse).ByName.Keys] };
        foreach (var name in parse.GetValue(Function) ?? [])
        {
            if (!IsIdentifier(name)) throw new UsageException($"--function expects a function name, got '{name}'");
            context = context.WithOpaqueFunction(name);
        }
        return context;
    }

    /// <summary>Parses a command-line expression; errors name the argument, e.g. &lt;EXPR&gt;:1:4.</summary>
    public static Expr Parse(string text, string argumentName, ExpressionContext context)
    {
        var source = new SourceText($"<{argumentName}>", text);
        try { return ExpressionParser.Parse(source, 0, text.Length, context); }
        catch (ExpressionException e) { throw InputException.From(e, source); }
    }

    /// <summary>Writes <paramref name="e"/> as text or LaTeX on its own line.</summary>
    public void WriteResult(ParseResult parse, Expr e) =>
        parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(Latex)
            ? Symbolics.Printing.LatexPrinter.Print(e)
            : Symbolics.Printing.TextPrinter.Print(e));

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
