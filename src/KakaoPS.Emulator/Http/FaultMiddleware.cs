using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Http;

/// <summary>Serves queued faults (status, body, delay, late answer, dropped connection, Retry-After) instead of the real response.</summary>
public sealed class FaultMiddleware(RequestDelegate next, EmulatorState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var fault = state.Faults.TryTake(context.Request.Path.Value ?? "");
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.DelayMs > 0)
            await Task.Delay(fault.DelayMs, context.RequestAborted);
        if (fault.AnswerDelayMs > 0)
            context.Response.OnStarting(() => Task.Delay(fault.AnswerDelayMs));   // after the endpoint acted, before its answer leaves
        if (fault.Drop)
        {
            context.Abort();
            return;
        }
        if (fault.Status is null or 0)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = fault.Status.Value;
        if (fault.RetryAfterHeader is { } retryAfter)
            context.Response.Headers.RetryAfter = retryAfter;
        if (fault.Body is not null)
        {
            context.Response.ContentType = fault.ContentType ?? KakaoJsonResult.ContentType;
            await context.Response.WriteAsync(fault.Body);
        }
    }
}
