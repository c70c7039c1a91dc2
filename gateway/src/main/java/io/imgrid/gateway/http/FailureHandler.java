package io.imgrid.gateway.http;

import io.imgrid.gateway.log.LogFields;
import io.imgrid.gateway.metrics.GatewayMetrics;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.RequestException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where a failure becomes an HTTP answer: an {@link ImgridException} gives its
 * status and public message as {@code text/plain}; anything else is a defect and gives 500
 * "Internal error", its detail only in the log. No caching or image header survives on an error.
 * With {@code IMGPROXY_DEVELOPMENT_ERRORS_MODE} the body shows the detail and stack instead (HTML
 * when the client accepts {@code text/html}). A client that went away is logged as 499.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = Logger.getLogger("imgrid.http");
  private static final String[] IMAGE_HEADERS = {
    "Cache-Control", "Expires", "Content-Disposition", "Content-Length", "ETag", "Last-Modified",
    "Vary", "Link", "X-Origin-Width", "X-Origin-Height", "X-Result-Width", "X-Result-Height",
    "X-Origin-Content-Length"
  };

  private final boolean developmentErrors;
  private final GatewayMetrics metrics;

  public FailureHandler(boolean developmentErrors, GatewayMetrics metrics) {
    this.developmentErrors = developmentErrors;
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
  }

  @Override
  public void handle(RoutingContext rc) {
    Throwable failure = rc.failure();
    ImgridException error = toImgrid(failure, rc.statusCode());
    HttpServerResponse res = rc.response();
    String requestId = CommonHeadersHandler.requestId(rc);
    if (res.closed() || failure instanceof HttpClosedException) {
      LogFields.log(LOG, Level.INFO, "Cancelled", "request_id", requestId, "status", 499);
      return;
    }
    metrics.error(error.kind().metricType());
    if (error.kind() == ErrorKind.INTERNAL) {
      LogFields.log(
          LOG, Level.SEVERE, "Internal error", failure, "request_id", requestId,
          "error", error.detail());
    } else {
      LogFields.log(
          LOG, Level.INFO, error.publicMessage(), "request_id", requestId,
          "status", error.status(), "error", error.detail());
    }
    if (res.ended() || res.headWritten()) {
      res.reset();
      return;
    }
    for (String h : IMAGE_HEADERS) {
      res.headers().remove(h);
    }
    String body = error.publicMessage();
    String contentType = "text/plain";
    if (developmentErrors) {
      Throwable shown = failure == null ? error : failure;
      String detail = error.detail() == null ? body : error.detail();
      String accept = rc.request().getHeader("Accept");
      if (accept != null && accept.contains("text/html")) {
        contentType = "text/html";
        body =
            "<!doctype html><html><body><h1>" + html(detail) + "</h1><pre>"
                + html(stackTrace(shown)) + "</pre></body></html>";
      } else {
        body = detail + "\n\n" + stackTrace(shown);
      }
    }
    res.setStatusCode(error.status()).putHeader("Content-Type", contentType).end(body);
  }

  /** A routing status without a failure (404, 405, 413, …) or a web exception keeps its status. */
  static ImgridException toImgrid(Throwable failure, int statusCode) {
    if (failure instanceof ImgridException) {
      return (ImgridException) failure;
    }
    if (failure instanceof HttpException) {
      statusCode = ((HttpException) failure).getStatusCode();
    } else if (failure != null) {
      return InternalException.wrap(failure);
    }
    if (statusCode == 404 || statusCode == 405) {
      return new RequestException(ErrorKind.NOT_FOUND, "no route");
    }
    if (statusCode == 403) {
      return RequestException.forbidden("forbidden by a route");
    }
    return new InternalException("routing failure with status " + statusCode, failure);
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
