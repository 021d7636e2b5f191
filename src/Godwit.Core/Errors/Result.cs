namespace Godwit.Core.Errors;

/// <summary>Either a value or the <see cref="ApiError"/> that prevented it.</summary>
public readonly struct Result<T>
{
    private readonly T? value;

    private Result(T? value, ApiError? error)
    {
        this.value = value;
        Error = error;
    }

    public ApiError? Error { get; }

    public bool Succeeded => Error is null;

    public T Value => Error is null ? value! : throw new InvalidOperationException($"No value: {Error.ErrorType}");

    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>Wraps a value where an implicit conversion cannot apply, such as an interface type.</summary>
    public static Result<T> From(T value) => new(value, null);

    public static implicit operator Result<T>(ApiError error) => new(default, error);
}
