namespace WazzupAdmin.Components.Shared;

/// <summary>One option of a <see cref="ChoiceSelect{TValue}"/>.</summary>
public sealed record Choice<TValue>(TValue Value, string Text);
