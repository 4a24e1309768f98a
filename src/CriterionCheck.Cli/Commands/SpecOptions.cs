using System.CommandLine;
using CriterionCheck.Models;
using CriterionCheck.Spec;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Commands;

/// <summary>Options shared by the commands that read spec files (--dims, --json) and the loading itself.</summary>
public sealed class SpecOptions
{
    /// <summary>--dims H=200,D=784 (repeatable): override the spec's sizes.</summary>
    public Option<string[]> Dims { get; } = new("--dims")
    {
        Description = "Override sizes declared with dims, e.g. --dims H=200,D=784. Repeatable.",
        HelpName = "NAME=SIZE,…",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>--json: machine-readable output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text." };

    /// <summary>Adds only --dims to <paramref name="command"/> (for commands with a --format option instead of --json).</summary>
    public void AddDimsTo(Command command) => command.Options.Add(Dims);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Dims);
        command.Options.Add(Json);
    }

    /// <summary>The size overrides given with --dims.</summary>
    /// <exception cref="UsageException">A malformed or repeated override.</exception>
    public IReadOnlyDictionary<string, int> Overrides(ParseResult parse)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in (parse.GetValue(Dims) ?? []).SelectMany(v => v.Split(',')))
        {
            var eq = item.IndexOf('=');
            var name = eq < 0 ? "" : item[..eq].Trim();
            if (name.Length == 0 || !int.TryParse(item[(eq + 1)..].Trim(), System.Globalization.NumberStyles.None, null, out var size))
                throw new UsageException($"--dims expects NAME=SIZE pairs separated by commas, e.g. H=200,D=784; got '{item}'");
            if (!result.TryAdd(name, size)) throw new UsageException($"--dims gives {name} twice");
        }
        return result;
    }

    /// <summary>
    /// Checks the spec at <paramref name="path"/> at the --dims sizes (a large model is checked at the
    /// spec's own sizes when a proof for every size covers the ones asked for).
    /// </summary>
    /// <exception cref="InputException">The file cannot be read or the spec is malformed.</exception>
    /// <exception cref="UsageException">The overrides do not fit the spec.</exception>
    public ModelCheck Check(ParseResult parse, string path)
    {
        var overrides = Overrides(parse);
        try { return ModelCheck.Run(ModelLoader.Read(path), overrides); }
        catch (SpecException e) { throw new InputException(e.Diagnostic); }
        catch (ModelOptionException e) { throw new UsageException(e.Message); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the file: {e.Message}");
        }
    }

    /// <summary>Loads the spec at <paramref name="path"/> with the --dims overrides.</summary>
    /// <exception cref="InputException">The file cannot be read or the spec is malformed.</exception>
    /// <exception cref="UsageException">The overrides do not fit the spec.</exception>
    public Model Load(ParseResult parse, string path)
    {
        var overrides = Overrides(parse);
        try { return ModelLoader.Load(path, overrides); }
        catch (SpecException e) { throw new InputException(e.Diagnostic); }
        catch (ModelOptionException e) { throw new UsageException(e.Message); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the file: {e.Message}");
        }
    }
}
