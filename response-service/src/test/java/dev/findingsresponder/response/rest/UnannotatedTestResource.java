package dev.findingsresponder.response.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test only: an endpoint someone forgot to annotate, to show it is denied (deny-unannotated-endpoints). */
@Path("/test-only/unannotated")
public class UnannotatedTestResource {

    @GET
    public String get() {
        return "should never be reached";
    }
}
