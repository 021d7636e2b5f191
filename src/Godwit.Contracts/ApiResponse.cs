namespace Godwit.Contracts;

/// <summary>What every Stytch response carries: the HTTP status again, and the request's id.</summary>
public abstract record ApiResponse
{
    public string RequestId { get; set; } = "";

    public int StatusCode { get; set; } = 200;
}
