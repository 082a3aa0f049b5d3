package dev.findingsresponder.opsauth;

import java.util.Map;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every 4xx an endpoint throws (400 bad parameter, 404 nothing there) a JSON body {@code {"error": "..."}}
 * with the reason, instead of an empty response. 401 and 403 come from the security layer and are left alone.
 */
@Provider
public class ClientErrorBodies implements ExceptionMapper<ClientErrorException> {

    @Override
    public Response toResponse(ClientErrorException exception) {
        int status = exception.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", String.valueOf(exception.getMessage()))).build();
    }
}
