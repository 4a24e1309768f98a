using System.CommandLine;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// Every malformed command line is one plain sentence on standard error with exit code 2: the cases are
/// generated from the command tree itself (so every option of every command is covered, including ones
/// added later), and a hand-written table pins the exact wording of each kind of mistake and of the
/// commands' own checks of option values.
/// </summary>
public class OptionErrorTests
{
    private static readonly string Spec = Repository.CatalogPath("gamma-mixture.model");

    // What each command needs so that only the mistake under test is one.
    private static List<string> Valid(Command command)
    {
        var args = new List<string> { command.Name };
        foreach (var argument in command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0))
            args.Add(argument.Name is "EXPR" or "VAR" ? "x" : Spec);
        foreach (var option in command.Options.Where(o => o.Required)) args.AddRange([option.Name, "value"]);
        return args;
    }

    private static IEnumerable<(Command Command, Option Option)> Options() =>
        CommandLineApp.Build().Subcommands.SelectMany(c => c.Options.Where(o => !o.Name.StartsWith("--help", StringComparison.Ordinal)).Select(o => (c, o)));

    private static Type Element(Option o) => o.ValueType.IsArray ? o.ValueType.GetElementType()! : Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType;

    /// <summary>(command line, the exact first line of standard error) for every option of every command.</summary>
    public static TheoryData<string[], string> Generated()
    {
        var data = new TheoryData<string[], string>();
        foreach (var (command, option) in Options())
        {
            var valid = Valid(command).Where((a, i) => !(option.Required && i > 0 && (a == option.Name || Valid(command)[i - 1] == option.Name))).ToList();
            var type = Element(option);
            var name = option.Name;
            if (type == typeof(bool))
            {
                data.Add([.. valid, $"{name}=maybe"], $"{name} is a switch: give it alone (or as {name}=true or {name}=false), not with 'maybe'");
                continue;
            }
            // A value-taking option at the end of the line, without its value.
            // (Other types then say what the value is, e.g. "one of json, latex, text" or "FILE": a prefix here.)
            data.Add([.. valid, name], $"{name} needs a value" + (type == typeof(int) ? ": a whole number" : type == typeof(double) ? ": a number" : ": "));
            if (type == typeof(int)) data.Add([.. valid, name, "abc"], $"{name} expects a whole number, got 'abc'");
            if (type == typeof(double)) data.Add([.. valid, name, "abc"], $"{name} expects a number, got 'abc'");
            if (!option.ValueType.IsArray)
                data.Add([.. valid, name, "1", name, "2"], $"{name} is given 2 times; give it once");
            if (option.Required) data.Add([.. valid], $"{command.Name} needs the option {name} ("); // then what it is
        }
        foreach (var command in CommandLineApp.Build().Subcommands)
        {
            if (command.Name is not ("diff" or "simplify" or "eval")) // there, "--bogus" is an expression
                data.Add([.. Valid(command), "--bogus"], $"unknown option '--bogus' for {command.Name}");
            foreach (var argument in command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0).Take(1))
                data.Add([command.Name], $"{command.Name} needs {argument.Name}: {char.ToLowerInvariant(argument.Description![0])}{argument.Description[1..].TrimEnd('.')}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public void Every_option_of_every_command_reports_its_mistake_in_plain_words(string[] args, string message) =>
        AssertPlain(args, message);

    /// <summary>The wording, case by case, including the commands' own checks of values.</summary>
    public static TheoryData<string[], string> Table() => new()
    {
        { ["numeric", Spec, "--n", "abc"], "--n expects a whole number, got 'abc'" },
        { ["numeric", Spec, "--seed", "99999999999"], "--seed expects a whole number between -2147483648 and 2147483647, got '99999999999'" },
        { ["numeric", Spec, "--tolerance", "1e-8x"], "--tolerance expects a number, got '1e-8x'" },
        { ["numeric", Spec, "--n", "0"], "--n must be at least 1, got 0" },
        { ["numeric", Spec, "--max-iterations", "-1"], "--max-iterations must not be negative, got -1" },
        { ["numeric", Spec, "--tolerance", "0"], "--tolerance must be a positive number, got 0" },
        { ["numeric", Spec, "--plot", "run.pdf"], "--plot writes .svg or .png files, not 'run.pdf'" },
        { ["numeric", Spec, "--posterior", "exact"], "--posterior expects one of frozen, optimal; got 'exact'" },
        { ["numeric", Spec, "--train", "some"], "--train expects one of all, minimal; got 'some'" },
        { ["numeric", Repository.CatalogPath("standard-pca.model"), "--train", "minimal"], $"{Repository.CatalogPath("standard-pca.model")}: --train minimal needs a satisfied criterion (there is no minimal stationarity set)" },
        { ["evaluate", Spec, "--data", "d.csv"], "evaluate needs the option --params (the parameters: a JSON object keyed by parameter name, nested arrays in each parameter's shape)" },
        { ["evaluate", Spec, "--params", "p.json", "--data", "d.csv", "--tolerance", "-1"], "--tolerance must be a positive number, got -1" },
        { ["prove", Spec, "--format", "pdf"], "--format expects one of latex, markdown; got 'pdf'" },
        { ["prove", Spec, "-o"], "-o needs a value: FILE" },
        { ["prove", Spec, "-o", Path.Combine("no-such-dir", "proof.tex")], $"{Path.Combine("no-such-dir", "proof.tex")}: cannot write the proof: " },
        { ["formula", Spec, "--format", "html"], "--format expects one of json, latex, text; got 'html'" },
        { ["formula", Spec, "--posterior", "mean-field"], "--posterior expects one of exact; got 'mean-field'" },
        { ["formula", Spec, "--posterior", "exact"], $"{Spec}: --posterior exact needs a linear-Gaussian model (a Normal prior, and a Normal observable whose mean is linear in the latents and whose variance does not depend on them)" },
        { ["show", Spec, "--dims", "C=abc"], "--dims expects NAME=SIZE pairs separated by commas, e.g. H=200,D=784; got 'C=abc'" },
        { ["show", Spec, "--dims", "C=2,C=3"], "--dims gives C twice" },
        { ["check", Spec, "--dims"], "--dims needs a value: NAME=SIZE,…" },
        { ["check", Spec, "--junit"], "--junit needs a value: FILE" },
        { ["check", Spec, "--jsno"], "unknown option '--jsno' for check (did you mean '--json'?)" },
        { ["check", "-x"], "unknown option '-x' for check" },
        { ["check"], "check needs PATH: spec files, or directories searched recursively for *.model" },
        { ["eval", "x", "--assume", "x=weird"], "--assume expects NAME=DOMAIN with DOMAIN one of real, positive, unit; got 'x=weird'" },
        { ["diff", "x", "x", "--function", "1f"], "--function expects a function name, got '1f'" },
        { ["diff", "x"], "diff needs VAR: the variable, e.g. x or W[2,1]" },
        { ["diff", "x", "y", "z"], "diff takes EXPR VAR; 'z' is one argument too many" },
        { ["new", "--prior", "Gaussian"], "--prior expects one of Normal, Bernoulli, Laplace, Gamma, Categorical; got 'Gaussian'" },
        { ["new", "--plates=1"], "--plates is a switch: give it alone (or as --plates=true or --plates=false), not with '1'" },
        { ["new", "extra"], "new takes no arguments, got 'extra'" },
        { ["chek", Spec], "unknown command 'chek' (did you mean 'check'?); the commands are diff, simplify, eval, show, check, verify, formula, prove, numeric, evaluate, new" },
        { [], "a command is missing; the commands are diff, simplify, eval, show, check, verify, formula, prove, numeric, evaluate, new" },
        { ["--bogus"], "unknown option '--bogus' for criterion-check" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_kind_of_mistake_has_its_plain_message(string[] args, string message) => AssertPlain(args, message);

    [Fact]
    public void A_value_after_double_dash_is_an_argument_not_an_option()
    {
        var (code, _, error) = CliRunner.Run("check", "--", "-x");
        Assert.Equal(2, code);
        Assert.Equal("criterion-check: -x: no such file or directory\n", error);
    }

    private static void AssertPlain(string[] args, string message)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var first = error.Split('\n')[0];
        Assert.StartsWith("criterion-check: " + message, first);
        // A message ending in ": " or " (" is a prefix; the rest says what the value should be.
        if (!message.EndsWith(": ", StringComparison.Ordinal) && !message.EndsWith(" (", StringComparison.Ordinal)) Assert.Equal("criterion-check: " + message, first);
        // Nothing of the machinery shows: no .NET type names, no library wording, no stack trace.
        foreach (var internalText in new[] { "System.", "Exception", "Cannot parse", "Required argument", "Unrecognized", "   at " })
            Assert.DoesNotContain(internalText, error);
    }
}
