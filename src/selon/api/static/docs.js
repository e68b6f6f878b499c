/* /docs: Swagger UI over the server's OpenAPI description (a file, so the page needs no inline script). */
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.getAttribute("data-openapi"), dom_id: "#swagger-ui", deepLinking: true });
});
