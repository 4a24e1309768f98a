using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CriterionCheck.Cli;

/// <summary>
/// Command-line mistakes in plain words. System.CommandLine's own messages name .NET types ("as expected
/// type 'System.Int32'"); these are rebuilt from the structure of the parse — which option or argument,
/// which tokens, the option's value type and allowed values — never from the library's wording, so they
/// stay plain for every option of every command, including ones added later.
/// </summary>
public static class CommandLineErrors
{
    /// <summary>Commands whose arguments are expressions, which may begin with '-' (<c>simplify -x^2</c>).</summary>
    private static readonly HashSet<string> ExpressionCommands = ["diff", "simplify", "eval"];

    /// <summary>One plain sentence per mistake in <paramref name="parse"/> of <paramref name="args"/>; empty when there is none.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse, IReadOnlyList<string> args)
    {
        // Help and version clear the parse errors: `check --help` needs no PATH.
        if (parse.Action is not null && parse.Action is not ParseErrorAction && parse.Errors.Count > 0) return [];
        // A switch given a value (--json=maybe, --plates=1) leaves the value as a stray argument; say so first.
        var messages = SwitchesWithValues(parse, args).ToList();
        if (messages.Count > 0) return messages;
        // After an unknown command every further token is unmatched too; only the command is news.
        if (parse.UnmatchedTokens.Count > 0)
            messages.AddRange(parse.UnmatchedTokens.Take(parse.CommandResult.Command is RootCommand ? 1 : int.MaxValue).Select(t => Unmatched(parse.CommandResult, t)));
        // A missing argument reads first: it is what the usage line shows first.
        foreach (var error in parse.Errors.OrderBy(e => e.SymbolResult is ArgumentResult ? 0 : 1))
        {
            var message = error.SymbolResult switch
            {
                OptionResult o => Option(o, error.Message),
                ArgumentResult a => Argument(a, error.Message),
                // Unmatched tokens are described above; what remains is a missing subcommand.
                CommandResult c when parse.UnmatchedTokens.Count > 0 => null,
                CommandResult c when c.Command.Subcommands.Count > 0 && parse.CommandResult == c =>
                    $"a command is missing; the commands are {string.Join(", ", c.Command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name))}",
                _ => error.Message,
            };
            if (message is not null && !messages.Contains(message)) messages.Add(message);
        }
        if (messages.Count == 0) messages.AddRange(OptionLikeArguments(parse));
        return messages;
    }

    /// <summary>The command whose help the user should read after <paramref name="parse"/>'s mistakes.</summary>
    public static string HelpCommand(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "criterion-check --help" : $"criterion-check {parse.CommandResult.Command.Name} --help";

    private static string Unmatched(CommandResult command, string token)
    {
        var name = command.Command is RootCommand ? "criterion-check" : command.Command.Name;
        if (token.StartsWith('-') && token.Length > 1)
            return $"unknown option '{token}' for {name}{Suggestion(token, command.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)))}";
        if (command.Command is RootCommand)
            return $"unknown command '{token}'{Suggestion(token, command.Command.Subcommands.Select(s => s.Name))}; " +
                   $"the commands are {string.Join(", ", command.Command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name))}";
        var arguments = command.Command.Arguments.Select(a => a.Name).ToList();
        return arguments.Count == 0
            ? $"{name} takes no arguments, got '{token}'"
            : $"{name} takes {string.Join(" ", arguments)}; '{token}' is one argument too many";
    }

    private static string Option(OptionResult result, string fallback)
    {
        var option = result.Option;
        var name = result.IdentifierToken?.Value ?? option.Name;
        var command = (result.Parent as CommandResult)?.Command.Name ?? "criterion-check";
        if (result.Tokens.Count == 0)
            return result.IdentifierToken is null || result.Implicit
                ? $"{command} needs the option {option.Name}{Expected(option) switch { null => "", var what => $" ({what})" }}"
                : $"{name} needs a value{Expected(option) switch { null => "", var what => $": {what}" }}";
        if (result.Tokens.Count > 1 && option.Arity.MaximumNumberOfValues == 1)
            return result.IdentifierTokenCount > 1 ? $"{name} is given {result.IdentifierTokenCount} times; give it once" : $"{name} takes one value, got {result.Tokens.Count}";
        var value = result.Tokens[^1].Value;
        var allowed = Allowed(option);
        if (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
            return $"{name} expects one of {string.Join(", ", allowed)}; got '{value}'";
        return ValueError(name, option.ValueType, value) ?? fallback;
    }

    private static string Argument(ArgumentResult result, string fallback)
    {
        var argument = result.Argument;
        var command = (result.Parent as CommandResult)?.Command.Name ?? "criterion-check";
        if (result.Tokens.Count == 0)
            return $"{command} needs {argument.Name}{(argument.Description is { Length: > 0 } d ? $": {Lower(d.TrimEnd('.'))}" : "")}";
        return ValueError(argument.Name, argument.ValueType, result.Tokens[^1].Value) ?? fallback;
    }

    // Values the library could not convert to the option's type.
    private static string? ValueError(string name, Type type, string value)
    {
        var element = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
        if (element == typeof(int) && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            return value.TrimStart('-', '+').All(char.IsAsciiDigit) && value.Any(char.IsAsciiDigit)
                ? $"{name} expects a whole number between {int.MinValue} and {int.MaxValue}, got '{value}'"
                : $"{name} expects a whole number, got '{value}'";
        if (element == typeof(double) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return $"{name} expects a number, got '{value}'";
        if (element == typeof(bool) && !bool.TryParse(value, out _))
            return $"{name} is a switch: give it alone (or as {name}=true or {name}=false), not with '{value}'";
        return null;
    }

    // What a missing value should have been, for the message.
    private static string? Expected(Option option)
    {
        var type = option.ValueType.IsArray ? option.ValueType.GetElementType()! : Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (Allowed(option) is { } allowed) return $"one of {string.Join(", ", allowed)}";
        if (type == typeof(int)) return "a whole number";
        if (type == typeof(double)) return "a number";
        return option.HelpName ?? (option.Description is { Length: > 0 } d ? Lower(d.TrimEnd('.')) : null);
    }

    // An option restricted to fixed values (AcceptOnlyFromAmong) offers exactly those as completions.
    private static List<string>? Allowed(Option option)
    {
        if (option.ValueType != typeof(string) && option.ValueType != typeof(string[])) return null;
        var values = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        return values.Count > 0 ? values : null;
    }

    // Paths never begin with '-' in practice, so such an argument to a command that reads files is an
    // option the user mistyped (unless it follows "--").
    private static IEnumerable<string> OptionLikeArguments(ParseResult parse)
    {
        var command = parse.CommandResult;
        if (command.Command is RootCommand || ExpressionCommands.Contains(command.Command.Name)) yield break;
        var tokens = parse.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash).ToHashSet();
        foreach (var argument in command.Children.OfType<ArgumentResult>())
            foreach (var token in argument.Tokens)
                if (tokens.Contains(token) && token.Value.Length > 1 && token.Value[0] == '-' && !double.TryParse(token.Value, CultureInfo.InvariantCulture, out _))
                    yield return Unmatched(command, token.Value);
    }

    private static IEnumerable<string> SwitchesWithValues(ParseResult parse, IReadOnlyList<string> args)
    {
        var switches = parse.CommandResult.Command.Options.Where(o => o.ValueType == typeof(bool))
            .SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            var eq = arg.IndexOf('=');
            if (eq > 0 && switches.Contains(arg[..eq]) && !bool.TryParse(arg[(eq + 1)..], out _))
                yield return $"{arg[..eq]} is a switch: give it alone (or as {arg[..eq]}=true or {arg[..eq]}=false), not with '{arg[(eq + 1)..]}'";
        }
    }

    private static string Suggestion(string given, IEnumerable<string> names)
    {
        var best = names.Distinct().Select(n => (Name: n, Distance: Distance(given, n))).Where(c => c.Distance <= 2 && c.Distance < c.Name.Length / 2 + 1)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is null ? "" : $" (did you mean '{best.Name}'?)";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    private static string Lower(string text) => text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
