using System.Diagnostics;

namespace CriterionCheck.Cli.Tests;

public class ExpressionCommandTests
{
    [Theory]
    [InlineData("1/(2*sigma2^2)", "diff", "-1/(2*sigma2)", "sigma2")]
    [InlineData("-m/s^2", "diff", "m/s", "s")]
    [InlineData("sigmoid(a)*(1 - sigmoid(a))", "diff", "sigmoid(a)", "a")]
    [InlineData("digamma(alpha) - log(beta)", "diff", "lgamma(alpha) - alpha*log(beta)", "alpha")]
    [InlineData("1 - x/lambda", "diff", "lambda - x*log(lambda)", "lambda")]
    [InlineData("1/p + 1/(1 - p)", "diff", "log(p/(1-p))", "p", "--assume", "p=unit")]
    [InlineData("1/pi + 1/(1 - pi)", "diff", "log(pi/(1-pi))", "pi", "--assume", "pi=unit")]
    [InlineData("W[1,1]", "diff", "sum(h in 3, W[1,h]*z[h])", "z[1]")]
    [InlineData("f(z; w) + w*f'[2](z; w)", "diff", "f(z; w)*w", "w", "--function", "f")]
    [InlineData("a", "simplify", "logit(sigmoid(a))")]
    [InlineData("a + b", "simplify", "(a^2 - b^2)/(a - b) - (a + b) + a + b")]
    [InlineData("a*b/(a + b)", "simplify", "1/(1/a + 1/b)")]
    [InlineData("0", "simplify", "sigmoid(-a) - 1 + sigmoid(a)")]
    [InlineData("x", "simplify", "exp(log(x))", "--assume", "x=positive")]
    [InlineData("exp(log(x))", "simplify", "exp(log(x))")]
    [InlineData("log(a) + log(b)", "simplify", "log(a*b)", "-a", "a=positive", "b=positive")]
    [InlineData("1/3", "eval", "x^2/3 + y", "x=1/2", "y=0.25")]
    [InlineData("6", "eval", "W[1,2]*2", "W[1,2]=3")]
    [InlineData("0.8807970779778823", "eval", "sigmoid(x)", "x=2")]
    [InlineData("3.141592653589793", "eval", "2*asin", "asin=pi/2")]
    public void Command_prints_its_result_on_the_last_line(string expected, params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Equal(expected, CliRunner.LastLine(stdout));
    }

    [Theory]
    [InlineData(@"\frac{1}{2 \left(\sigma^{2}\right)^{2}}", "diff", "-1/(2*sigma2)", "sigma2", "--latex")]
    [InlineData(@"\frac{1}{3}", "eval", "x/3", "x=1", "--latex")]
    [InlineData(@"\log\left(2\right) + \log\left(\pi\right) + \log\left(\sigma^{2}\right) + 1", "simplify", "log(2*pi*e*sigma2)", "--latex", "--assume", "sigma2=positive")]
    public void Latex_option_prints_LaTeX(string expected, params string[] args)
    {
        var (code, stdout, _) = CliRunner.Run(args);
        Assert.Equal(0, code);
        Assert.Equal(expected, CliRunner.LastLine(stdout));
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["simplify", "(a + b"], "<EXPR>:1:1: unbalanced '('" },
        { ["simplify", "foo(x)"], "<EXPR>:1:1: unknown function 'foo'" },
        { ["simplify", "a + * b"], "<EXPR>:1:5: expected an operand" },
        { ["simplify", ""], "<EXPR>:1:1: expected an expression, found nothing" },
        { ["simplify", "a\u0007b"], "<EXPR>:1:2: control character U+0007" },
        { ["simplify", new string('(', 10_000) + "x" + new string(')', 10_000)], "<EXPR>:1:201: expression nests more than 200 levels deep" },
        { ["diff", "x^2", "2*x"], "<VAR>:1:1: can only differentiate with respect to a variable" },
        { ["diff", "x^2", "x +"], "<VAR>:1:4: expected an operand" },
        { ["eval", "x + ", "x=1"], "<EXPR>:1:5: expected an operand" },
        { ["eval", "x", "x=1/(", ], "<VALUE>:1:4: expected an operand" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_expression_exits_2_with_location_and_caret(string[] args, string firstLine)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.StartsWith(firstLine, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("^", lines[2]);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("no value given for y", "eval", "x + y", "x=1")]
    [InlineData("expected NAME=VALUE", "eval", "x", "x")]
    [InlineData("must be a constant", "eval", "x", "x=y")]
    [InlineData("given a value twice", "eval", "x", "x=1", "x=2")]
    [InlineData("no finite real value", "eval", "log(x)", "x=-1")]
    [InlineData("--assume expects NAME=DOMAIN", "simplify", "x", "--assume", "x=complex")]
    [InlineData("--assume expects NAME=DOMAIN", "simplify", "x", "--assume", "=positive")]
    [InlineData("--function expects a function name", "simplify", "x", "--function", "f(x)")]
    [InlineData("unknown option '--bogus' for simplify", "simplify", "x", "--bogus")]
    [InlineData("diff needs VAR", "diff", "x")]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("a command is missing")]
    public void Usage_errors_exit_2_with_a_message_and_no_stack_trace(string fragment, params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(fragment, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public void Help_exits_0_and_lists_every_command()
    {
        var (code, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "diff", "simplify", "eval" }) Assert.Contains(command, stdout);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        string[] args = ["diff", "sum(h in 5, log(1 + exp(W[h]*z[h] + mu)))", "mu"];
        Assert.Equal(CliRunner.Run(args), CliRunner.Run(args));
    }

    [Fact]
    public void Expressions_that_look_like_options_or_response_files_are_values()
    {
        Assert.Equal("x + 1", CliRunner.LastLine(CliRunner.Run("simplify", "1+x").Out));
        Assert.Equal("-x", CliRunner.LastLine(CliRunner.Run("simplify", "-x").Out));
        var (code, _, stderr) = CliRunner.Run("simplify", "@x");
        Assert.Equal(2, code);
        Assert.StartsWith("<EXPR>:1:1: unexpected character '@'", stderr);
    }

    [Fact]
    public void The_real_process_exits_2_on_bad_input_without_a_stack_trace()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "criterion-check.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { dll, "simplify", "log(x" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("<EXPR>:1:4: unbalanced '('", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
