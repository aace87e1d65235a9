// graph_gl.cpp — draws the network's GraphBatch with WebGL2: one instanced pass for the links
// (anti-aliased quads widened in the vertex shader) and one for the nodes (circle, square or diamond
// with an outline, shaded in the fragment shader). Instances are uploaded only when their generation
// changes; the camera is a uniform. Runs as a Dear ImGui draw callback, so it keeps the draw order
// (links, nodes, then the labels drawn after them). Layer: platform (web only).
#include "graph_gl.h"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstddef>
#include <cstdio>

#include "app.h"

namespace ae {

namespace {

const char* const kLinkVertex = R"(#version 300 es
precision highp float;
layout(location = 0) in vec2 a_corner;  // (along 0..1, across -1..1)
layout(location = 1) in vec4 a_ends;    // both ends, layout coordinates
layout(location = 2) in float a_width;  // CSS pixels
layout(location = 3) in vec4 a_color;
uniform vec4 u_camera;  // screen point (CSS px) of the layout point (z, w)
uniform vec3 u_view;    // pixels per layout unit, display width and height (CSS px)
uniform float u_px;     // CSS pixels per device pixel
out vec4 v_color;
out float v_across;
out float v_half;
void main() {
  vec2 pa = u_camera.xy + (a_ends.xy - u_camera.zw) * u_view.x;
  vec2 pb = u_camera.xy + (a_ends.zw - u_camera.zw) * u_view.x;
  vec2 d = pb - pa;
  float len = length(d);
  vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
  float w = max(a_width, u_px);
  float half_w = 0.5 * w + u_px;  // a device pixel more, to fade the edge
  vec2 p = mix(pa, pb, a_corner.x) + vec2(-dir.y, dir.x) * (a_corner.y * half_w);
  v_across = a_corner.y * half_w;
  v_half = 0.5 * w;
  v_color = vec4(a_color.rgb, a_color.a * min(1.0, a_width / u_px));  // thinner than a pixel: fainter
  gl_Position = vec4(p.x / u_view.y * 2.0 - 1.0, 1.0 - p.y / u_view.z * 2.0, 0.0, 1.0);
}
)";

const char* const kLinkFragment = R"(#version 300 es
precision highp float;
in vec4 v_color;
in float v_across;
in float v_half;
uniform float u_px;
out vec4 o_color;
void main() {
  float cover = clamp((v_half - abs(v_across)) / u_px + 0.5, 0.0, 1.0);
  o_color = vec4(v_color.rgb, v_color.a * cover);
}
)";

const char* const kNodeVertex = R"(#version 300 es
precision highp float;
layout(location = 0) in vec2 a_corner;
layout(location = 1) in vec4 a_node;     // x, y (layout), radius, outline width (CSS px)
layout(location = 2) in vec4 a_fill;
layout(location = 3) in vec4 a_outline;
layout(location = 4) in float a_shape;   // 0 circle, 1 square, 2 diamond; +4 pinned
uniform vec4 u_camera;
uniform vec3 u_view;
uniform float u_px;
out vec2 v_local;
out vec4 v_fill;
out vec4 v_outline;
out float v_r;
out float v_w;
flat out int v_shape;
void main() {
  vec2 c = u_camera.xy + (a_node.xy - u_camera.zw) * u_view.x;
  float extent = a_node.z * 1.25 + a_node.w + 2.0 * u_px;
  v_local = vec2(a_corner.x * 2.0 - 1.0, a_corner.y) * extent;
  v_fill = a_fill;
  v_outline = a_outline;
  v_r = a_node.z;
  v_w = a_node.w;
  v_shape = int(a_shape + 0.5);
  vec2 p = c + v_local;
  gl_Position = vec4(p.x / u_view.y * 2.0 - 1.0, 1.0 - p.y / u_view.z * 2.0, 0.0, 1.0);
}
)";

const char* const kNodeFragment = R"(#version 300 es
precision highp float;
in vec2 v_local;
in vec4 v_fill;
in vec4 v_outline;
in float v_r;
in float v_w;
flat in int v_shape;
uniform float u_px;
out vec4 o_color;
void main() {
  int shape = v_shape & 3;
  vec2 p = v_local;
  float d;  // signed distance to the shape's edge, CSS px
  if (shape == 0) {
    d = length(p) - v_r;
  } else if (shape == 1) {
    vec2 q = abs(p) - vec2(v_r * 0.88);
    d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
  } else {
    d = (abs(p.x) + abs(p.y) - v_r * 1.2) * 0.70710678;
  }
  float fill = v_fill.a * clamp(0.5 - d / u_px, 0.0, 1.0);
  float line = v_outline.a * clamp((0.5 * v_w - abs(d)) / u_px + 0.5, 0.0, 1.0);
  vec3 rgb = v_outline.rgb * line + v_fill.rgb * fill * (1.0 - line);  // outline over fill, premultiplied
  float a = line + fill * (1.0 - line);
  if (v_shape >= 4) {  // pinned: a dark dot in the middle
    float dot_a = clamp(0.5 - (length(p) - 2.0) / u_px, 0.0, 1.0);
    rgb = vec3(0.08) * dot_a + rgb * (1.0 - dot_a);
    a = dot_a + a * (1.0 - dot_a);
  }
  if (a <= 0.002) discard;
  o_color = vec4(rgb / a, a);
}
)";

struct Renderer {
  bool ready = false, failed = false;
  GLuint link_program = 0, node_program = 0;
  GLuint link_vao = 0, node_vao = 0;
  GLuint corners = 0, link_buffer = 0, node_buffer = 0;
  GLint link_camera = -1, link_view = -1, link_px = -1;
  GLint node_camera = -1, node_view = -1, node_px = -1;
  uint64_t uploaded = ~0ull;
  GLsizei link_count = 0, node_count = 0;
};

Renderer g_renderer;

GLuint compile(GLenum kind, const char* source) {
  const GLuint s = glCreateShader(kind);
  glShaderSource(s, 1, &source, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = "";
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    std::fprintf(stderr, "network shader: %s\n", log);
    glDeleteShader(s);
    return 0;
  }
  return s;
}

GLuint link_program(const char* vs, const char* fs) {
  const GLuint v = compile(GL_VERTEX_SHADER, vs), f = compile(GL_FRAGMENT_SHADER, fs);
  if (!v || !f) return 0;
  const GLuint p = glCreateProgram();
  glAttachShader(p, v);
  glAttachShader(p, f);
  glLinkProgram(p);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024] = "";
    glGetProgramInfoLog(p, sizeof log, nullptr, log);
    std::fprintf(stderr, "network program: %s\n", log);
    glDeleteProgram(p);
    return 0;
  }
  return p;
}

void float_attribute(GLuint loc, GLint size, GLsizei stride, size_t offset) {
  glEnableVertexAttribArray(loc);
  glVertexAttribPointer(loc, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
  glVertexAttribDivisor(loc, 1);
}

void color_attribute(GLuint loc, GLsizei stride, size_t offset) {
  glEnableVertexAttribArray(loc);
  glVertexAttribPointer(loc, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<const void*>(offset));
  glVertexAttribDivisor(loc, 1);
}

void corner_attribute(GLuint corners) {
  glBindBuffer(GL_ARRAY_BUFFER, corners);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glVertexAttribDivisor(0, 0);
}

bool set_up(Renderer& r) {
  if (r.ready || r.failed) return r.ready;
  r.link_program = link_program(kLinkVertex, kLinkFragment);
  r.node_program = link_program(kNodeVertex, kNodeFragment);
  if (!r.link_program || !r.node_program) {
    r.failed = true;
    return false;
  }
  r.link_camera = glGetUniformLocation(r.link_program, "u_camera");
  r.link_view = glGetUniformLocation(r.link_program, "u_view");
  r.link_px = glGetUniformLocation(r.link_program, "u_px");
  r.node_camera = glGetUniformLocation(r.node_program, "u_camera");
  r.node_view = glGetUniformLocation(r.node_program, "u_view");
  r.node_px = glGetUniformLocation(r.node_program, "u_px");
  static const float kCorners[8] = {0, -1, 0, 1, 1, -1, 1, 1};  // a triangle strip
  glGenBuffers(1, &r.corners);
  glBindBuffer(GL_ARRAY_BUFFER, r.corners);
  glBufferData(GL_ARRAY_BUFFER, sizeof kCorners, kCorners, GL_STATIC_DRAW);
  glGenBuffers(1, &r.link_buffer);
  glGenBuffers(1, &r.node_buffer);

  glGenVertexArrays(1, &r.link_vao);
  glBindVertexArray(r.link_vao);
  corner_attribute(r.corners);
  glBindBuffer(GL_ARRAY_BUFFER, r.link_buffer);
  constexpr GLsizei kLink = sizeof(GraphLinkInstance);
  float_attribute(1, 4, kLink, offsetof(GraphLinkInstance, ax));
  float_attribute(2, 1, kLink, offsetof(GraphLinkInstance, width));
  color_attribute(3, kLink, offsetof(GraphLinkInstance, color));

  glGenVertexArrays(1, &r.node_vao);
  glBindVertexArray(r.node_vao);
  corner_attribute(r.corners);
  glBindBuffer(GL_ARRAY_BUFFER, r.node_buffer);
  constexpr GLsizei kNode = sizeof(GraphNodeInstance);
  float_attribute(1, 4, kNode, offsetof(GraphNodeInstance, x));
  color_attribute(2, kNode, offsetof(GraphNodeInstance, fill));
  color_attribute(3, kNode, offsetof(GraphNodeInstance, outline));
  float_attribute(4, 1, kNode, offsetof(GraphNodeInstance, shape));
  glBindVertexArray(0);
  r.ready = true;
  return true;
}

void draw_batch(const ImDrawList*, const ImDrawCmd* cmd) {
  Renderer& r = g_renderer;
  const GraphBatch* batch = static_cast<const GraphBatch*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  if (!batch || !dd || !set_up(r)) return;
  if (r.uploaded != batch->generation) {
    glBindBuffer(GL_ARRAY_BUFFER, r.link_buffer);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(batch->links.size() * sizeof(GraphLinkInstance)),
                 batch->links.data(), GL_DYNAMIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, r.node_buffer);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(batch->nodes.size() * sizeof(GraphNodeInstance)),
                 batch->nodes.data(), GL_DYNAMIC_DRAW);
    r.link_count = static_cast<GLsizei>(batch->links.size());
    r.node_count = static_cast<GLsizei>(batch->nodes.size());
    r.uploaded = batch->generation;
  }
  // The panel's clip rectangle, in framebuffer pixels (origin bottom left).
  const ImVec2 pos = dd->DisplayPos, scale = dd->FramebufferScale;
  const float fb_h = dd->DisplaySize.y * scale.y;
  const ImVec4 c = cmd->ClipRect;
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<GLint>((c.x - pos.x) * scale.x), static_cast<GLint>(fb_h - (c.w - pos.y) * scale.y),
            static_cast<GLsizei>((c.z - c.x) * scale.x), static_cast<GLsizei>((c.w - c.y) * scale.y));
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  const float px = scale.x > 0 ? 1.0f / scale.x : 1.0f;
  const float camera[4] = {batch->centre_x - pos.x, batch->centre_y - pos.y, batch->cx, batch->cy};
  const float view[3] = {batch->scale, dd->DisplaySize.x, dd->DisplaySize.y};
  if (r.link_count) {
    glUseProgram(r.link_program);
    glUniform4fv(r.link_camera, 1, camera);
    glUniform3fv(r.link_view, 1, view);
    glUniform1f(r.link_px, px);
    glBindVertexArray(r.link_vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, r.link_count);
  }
  if (r.node_count) {
    glUseProgram(r.node_program);
    glUniform4fv(r.node_camera, 1, camera);
    glUniform3fv(r.node_view, 1, view);
    glUniform1f(r.node_px, px);
    glBindVertexArray(r.node_vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, r.node_count);
  }
  glBindVertexArray(0);
}

}  // namespace

bool graph_gl_init() { return set_up(g_renderer); }

void add_graph_batch_draw(ImDrawList* list, const GraphBatch* batch) {
  list->AddCallback(draw_batch, const_cast<GraphBatch*>(batch));
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // the ImGui backend's state back
}

}  // namespace ae
