using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Symbolics.Tests.Parsing;

public class ParserErrorTests
{
    public static TheoryData<string, int, string> BadExpressions => new()
    {
        // text, expected 1-based column, fragment of the message
        { "(a + b", 1, "unbalanced '('" },
        { "a + b)", 6, "unbalanced ')'" },
        { "((a)", 1, "unbalanced '('" },
        { "log(a", 4, "not closed" },
        { "W[1, 2", 2, "unbalanced '['" },
        { "foo(x)", 1, "unknown function 'foo'" },
        { "a +", 4, "ends here" },
        { "a * / b", 5, "expected an operand" },
        { "a ^", 4, "ends here" },
        { "", 1, "found nothing" },
        { "   ", 4, "found nothing" },
        { "a\u0001b", 2, "control character U+0001" },
        { "a\u0000", 2, "control character U+0000" },
        { "a $ b", 3, "unexpected character '$'" },
        { "log(a, b)", 1, "log takes 1 argument, not 2" },
        { "log()", 5, "needs at least one argument" },
        { "a b", 3, "after a complete expression" },
        { "1/0", 3, "division by zero" },
        { "log(0)", 1, "log(0)" },
        { "polygamma(x, y)", 1, "order of polygamma" },
        { "sum(h in 3)", 1, "sum takes a binder" },
        { "sum(h in K, h)", 10, "range of sum" },
        { "log[1](x)", 1, "cannot be indexed" },
        { "log'[1](x)", 1, "only to opaque functions" },
        { "f'[0](x)", 4, "positive integer" },
        { "sqrt", 1, "is a function" },
        { "()", 2, "inside '( )'" },
        { "W[]", 3, "expected an index" },
        { "1.2.3", 4, "unexpected" },
    };

    [Theory]
    [MemberData(nameof(BadExpressions))]
    public void Bad_expression_is_reported_at_its_column_with_a_caret(string text, int column, string fragment)
    {
        var e = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(text, TestSupport.Context));
        var message = e.Format(new SourceText("<EXPR>", text));
        Assert.StartsWith($"<EXPR>:1:{column}: ", message);
        Assert.Contains(fragment, message);
        var lines = message.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(column - 1, lines[2].IndexOf('^') - 2);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("log(", ")")]
    [InlineData("x^", "")]
    public void Ten_thousand_deep_nesting_is_an_error_not_a_stack_overflow(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 10_000)) + "x" + string.Concat(Enumerable.Repeat(close, 10_000));
        var e = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(text));
        Assert.Contains("nests more than", e.Message);
        Assert.Contains("^", e.Format(new SourceText("<EXPR>", text)));
    }

    [Fact]
    public void A_hundred_thousand_term_sum_parses_without_deep_recursion()
    {
        var text = string.Join(" + ", Enumerable.Range(1, 100_000).Select(i => $"x[{i % 7}]"));
        var e = ExpressionParser.Parse(text);
        Assert.Equal(ExpressionParser.Parse("14285*x[0] + 14286*x[1] + 14286*x[2] + 14286*x[3] + 14286*x[4] + 14286*x[5] + 14285*x[6]"), e);
    }

    [Fact]
    public void Long_lines_are_shown_as_a_window_around_the_error()
    {
        var text = new string('a', 5000) + " $ " + new string('b', 5000);
        var e = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(text));
        var message = e.Format(new SourceText("big", text));
        Assert.StartsWith("big:1:5002: ", message);
        Assert.True(message.Length < 400, "message should not echo the whole line");
        var lines = message.Split('\n');
        Assert.Equal('$', lines[1][lines[2].IndexOf('^')]);
    }
}
