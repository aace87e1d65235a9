// graph_gl.cpp — draws the network's GraphBatch with WebGL2: one pass for the links (anti-aliased
// quads widened in the vertex shader) and one for the nodes (circle, square or diamond with an
// outline, shaded in the fragment shader), four vertices per quad. Vertices are uploaded only when
// the batch's generation changes; the camera is a uniform, so panning and zooming upload nothing.
// The two passes draw into an offscreen layer (premultiplied alpha), which is copied onto the
// canvas every frame; while the batch, the camera and the panel stay the same, only the copy runs,
// so a still network costs one textured rectangle however many links it has.
// Runs as a Dear ImGui draw callback, so the draw order holds (links, nodes, then the labels drawn
// after them). Layer: platform (web only).
#include "graph_gl.h"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app.h"
#include "graph_style.h"

namespace ae {

namespace {

const char* const kLinkVertex = R"(#version 300 es
precision highp float;
layout(location = 0) in float a_corner_id;  // 0..3: (along 0, across -1), (0, 1), (1, -1), (1, 1)
layout(location = 1) in vec4 a_ends;    // both ends, layout coordinates
layout(location = 2) in float a_width;  // CSS pixels
layout(location = 3) in vec4 a_color;
layout(location = 4) in float a_dash;   // dash period, CSS pixels (0: solid)
uniform vec4 u_camera;  // screen point (CSS px) of the layout point (z, w)
uniform vec3 u_view;    // pixels per layout unit, display width and height (CSS px)
uniform float u_px;     // CSS pixels per device pixel
uniform float u_aa;     // 1: anti-aliased edges, 0: plain quads
out vec4 v_color;
out float v_across;
out float v_half;
out float v_along;
out float v_dash;
void main() {
  vec2 a_corner = vec2(a_corner_id > 1.5 ? 1.0 : 0.0, mod(a_corner_id, 2.0) > 0.5 ? 1.0 : -1.0);
  vec2 pa = u_camera.xy + (a_ends.xy - u_camera.zw) * u_view.x;
  vec2 pb = u_camera.xy + (a_ends.zw - u_camera.zw) * u_view.x;
  vec2 d = pb - pa;
  float len = length(d);
  vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
  // Anti-aliased: at least a device pixel wide, and half a device pixel more on each side for the
  // fade. Thousands of links (u_aa 0): the quad alone, as many pixels as the line covers.
  float w = u_aa > 0.0 ? max(a_width, u_px) : a_width;
  float half_w = 0.5 * w + 0.5 * u_px * u_aa;
  vec2 p = mix(pa, pb, a_corner.x) + vec2(-dir.y, dir.x) * (a_corner.y * half_w);
  v_across = a_corner.y * half_w;
  v_along = a_corner.x * len;
  v_dash = a_dash;
  v_half = u_aa > 0.0 ? 0.5 * w : 1e6;
  v_color = vec4(a_color.rgb, a_color.a * (u_aa > 0.0 ? min(1.0, a_width / u_px) : 1.0));  // thin: fainter
  gl_Position = vec4(p.x / u_view.y * 2.0 - 1.0, 1.0 - p.y / u_view.z * 2.0, 0.0, 1.0);
}
)";

const char* const kLinkFragment = R"(#version 300 es
precision highp float;
in vec4 v_color;
in float v_across;
in float v_half;
in float v_along;
in float v_dash;
uniform float u_px;
out vec4 o_color;
void main() {
  if (v_dash > 0.0 && mod(v_along, v_dash) > 0.6 * v_dash) discard;  // the gaps of a dashed link
  float cover = clamp((v_half - abs(v_across)) / u_px + 0.5, 0.0, 1.0);
  o_color = vec4(v_color.rgb, v_color.a * cover);
}
)";

const char* const kNodeVertex = R"(#version 300 es
precision highp float;
layout(location = 0) in float a_corner_id;
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
  vec2 a_corner = vec2(a_corner_id > 1.5 ? 1.0 : 0.0, mod(a_corner_id, 2.0) > 0.5 ? 1.0 : -1.0);
  vec2 c = u_camera.xy + (a_node.xy - u_camera.zw) * u_view.x;
  int shape = int(a_shape + 0.5) & 3;  // the quad just holds the shape, its outline and the fade
  float reach = shape == 0 ? 1.0 : shape == 1 ? AE_SQUARE_HALF : AE_DIAMOND_HALF;
  float extent = a_node.z * reach + 0.5 * a_node.w + u_px;
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
  float d;  // signed distance to the shape's edge, CSS px (proportions: graph_style.h)
  if (shape == 0) {
    d = length(p) - v_r;
  } else if (shape == 1) {
    vec2 q = abs(p) - vec2(v_r * AE_SQUARE_HALF);
    d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
  } else {
    d = (abs(p.x) + abs(p.y) - v_r * AE_DIAMOND_HALF) * 0.70710678;
  }
  float fill = v_fill.a * clamp(0.5 - d / u_px, 0.0, 1.0);
  float line = v_outline.a * clamp((0.5 * v_w - abs(d)) / u_px + 0.5, 0.0, 1.0);
  vec3 rgb = v_outline.rgb * line + v_fill.rgb * fill * (1.0 - line);  // outline over fill, premultiplied
  float a = line + fill * (1.0 - line);
  if (v_shape >= 4) {  // pinned: a dark dot in the middle
    float dot_a = clamp(0.5 - (length(p) - AE_PIN_DOT) / u_px, 0.0, 1.0);
    rgb = vec3(0.08) * dot_a + rgb * (1.0 - dot_a);
    a = dot_a + a * (1.0 - dot_a);
  }
  if (a <= 0.002) discard;
  o_color = vec4(rgb / a, a);
}
)";

// The offscreen layer onto the canvas: premultiplied texels, read at the fragment's own pixel, or,
// while a large network is panned or zoomed, at the pixel where the layer drew that point of the
// layout (u_map: layer position = u_map.x * position + u_map.yz, CSS px).
const char* const kCopyVertex = R"(#version 300 es
void main() {  // one triangle over the whole viewport; the scissor keeps it to the panel
  vec2 p = vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}
)";

const char* const kCopyFragment = R"(#version 300 es
precision highp float;
uniform sampler2D u_layer;
uniform vec3 u_map;
uniform vec3 u_fb;    // device pixels per CSS px, framebuffer height
uniform vec4 u_clip;  // the panel in framebuffer pixels: x0, y0, x1, y1
out vec4 o_color;
void main() {
  vec2 p = vec2(gl_FragCoord.x, u_fb.z - gl_FragCoord.y) / u_fb.xy;
  vec2 q = u_map.x * p + u_map.yz;
  vec2 f = vec2(q.x * u_fb.x, u_fb.z - q.y * u_fb.y);
  if (f.x < u_clip.x || f.y < u_clip.y || f.x > u_clip.z || f.y > u_clip.w) discard;  // not drawn there
  o_color = texture(u_layer, f / vec2(textureSize(u_layer, 0)));
}
)";

constexpr GLsizei kAntiAliasedLinks = 2000;  // more links are drawn as plain quads (cheaper to fill)
// With more links than this, a moving view shows the layer moved and scaled (as sigma.js hides
// edges on move), and the network is drawn again once the view has been still for kStillSeconds.
constexpr GLsizei kMovingPreviewLinks = 5000;
constexpr double kStillSeconds = 0.15;

// A corner of a link's or a node's quad: the record repeated with the corner's number. (Instanced
// draws would need no repetition, but software rasterisers such as SwiftShader set up every instance
// as a draw of its own; four vertices and six indices per quad cost far less there.)
struct LinkVertex {
  GraphLinkRecord link;
  float corner;
};
struct NodeVertex {
  GraphNodeRecord node;
  float corner;
};

struct Renderer {
  bool ready = false, failed = false;
  GLuint link_program = 0, node_program = 0;
  GLuint link_vao = 0, node_vao = 0;
  GLuint link_buffer = 0, node_buffer = 0, quad_indices = 0;
  GLint link_camera = -1, link_view = -1, link_px = -1, link_aa = -1;
  GLint node_camera = -1, node_view = -1, node_px = -1;
  GLuint copy_program = 0, copy_vao = 0;
  GLint copy_layer = -1, copy_map = -1, copy_fb = -1, copy_clip = -1;
  float last_camera[5] = {};  // the previous frame's camera and scale (the layer key's first five)
  double last_move = -1;      // ImGui time of the last frame whose view differed from the one before
  // The offscreen layer (framebuffer-sized) and what it holds: the batch generation and the view.
  GLuint layer_fbo = 0, layer_texture = 0;
  GLsizei layer_w = 0, layer_h = 0;
  uint64_t layer_generation = ~0ull;  // ~0: the layer holds nothing
  float layer_view[12] = {};
  uint64_t uploaded = ~0ull;
  GLsizei link_count = 0, node_count = 0;
  size_t index_quads = 0;  // quads the index buffer covers
  std::vector<LinkVertex> link_vertices;
  std::vector<NodeVertex> node_vertices;
};

Renderer g_renderer;

// True when the shader compiled or the program linked; else the log goes to the console.
bool built(GLuint object, bool program) {
  GLint ok = 0;
  if (program) glGetProgramiv(object, GL_LINK_STATUS, &ok);
  else glGetShaderiv(object, GL_COMPILE_STATUS, &ok);
  if (ok) return true;
  char log[1024] = "";
  if (program) glGetProgramInfoLog(object, sizeof log, nullptr, log);
  else glGetShaderInfoLog(object, sizeof log, nullptr, log);
  std::fprintf(stderr, "network %s: %s\n", program ? "program" : "shader", log);
  return false;
}

// A shader's source with the node shapes' sizes of graph_style.h defined after its #version line.
std::string with_style(const char* source) {
  const char* body = std::strchr(source, '\n');
  body = body ? body + 1 : source;
  char defines[160];
  std::snprintf(defines, sizeof defines,
                "#define AE_SQUARE_HALF %.4f\n#define AE_DIAMOND_HALF %.4f\n#define AE_PIN_DOT %.4f\n",
                graph_style::kSquareHalf, graph_style::kDiamondHalf, graph_style::kPinDotRadius);
  return std::string(source, body) + defines + body;
}

GLuint compile(GLenum kind, const char* source) {
  const GLuint s = glCreateShader(kind);
  const std::string text = with_style(source);
  const char* src = text.c_str();
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  return s;
}

// The program of two shaders, or 0 (the shaders are deleted either way).
GLuint link_program(const char* vs, const char* fs) {
  const GLuint v = compile(GL_VERTEX_SHADER, vs), f = compile(GL_FRAGMENT_SHADER, fs);
  GLuint p = 0;
  if (built(v, false) && built(f, false)) {
    p = glCreateProgram();
    glAttachShader(p, v);
    glAttachShader(p, f);
    glLinkProgram(p);
    if (!built(p, true)) {
      glDeleteProgram(p);
      p = 0;
    }
  }
  glDeleteShader(v);
  glDeleteShader(f);
  return p;
}

void float_attribute(GLuint loc, GLint size, GLsizei stride, size_t offset) {
  glEnableVertexAttribArray(loc);
  glVertexAttribPointer(loc, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
}

void color_attribute(GLuint loc, GLsizei stride, size_t offset) {
  glEnableVertexAttribArray(loc);
  glVertexAttribPointer(loc, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<const void*>(offset));
}

bool set_up(Renderer& r) {
  if (r.ready || r.failed) return r.ready;
  r.link_program = link_program(kLinkVertex, kLinkFragment);
  r.node_program = link_program(kNodeVertex, kNodeFragment);
  r.copy_program = link_program(kCopyVertex, kCopyFragment);
  if (!r.link_program || !r.node_program || !r.copy_program) {
    r.failed = true;
    return false;
  }
  r.link_camera = glGetUniformLocation(r.link_program, "u_camera");
  r.link_view = glGetUniformLocation(r.link_program, "u_view");
  r.link_px = glGetUniformLocation(r.link_program, "u_px");
  r.link_aa = glGetUniformLocation(r.link_program, "u_aa");
  r.node_camera = glGetUniformLocation(r.node_program, "u_camera");
  r.node_view = glGetUniformLocation(r.node_program, "u_view");
  r.node_px = glGetUniformLocation(r.node_program, "u_px");
  r.copy_layer = glGetUniformLocation(r.copy_program, "u_layer");
  r.copy_map = glGetUniformLocation(r.copy_program, "u_map");
  r.copy_fb = glGetUniformLocation(r.copy_program, "u_fb");
  r.copy_clip = glGetUniformLocation(r.copy_program, "u_clip");
  glGenVertexArrays(1, &r.copy_vao);  // no attributes: the copy's triangle comes from gl_VertexID
  glGenBuffers(1, &r.link_buffer);
  glGenBuffers(1, &r.node_buffer);
  glGenBuffers(1, &r.quad_indices);

  glGenVertexArrays(1, &r.link_vao);
  glBindVertexArray(r.link_vao);
  glBindBuffer(GL_ARRAY_BUFFER, r.link_buffer);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.quad_indices);
  constexpr GLsizei kLink = sizeof(LinkVertex);
  float_attribute(0, 1, kLink, offsetof(LinkVertex, corner));
  float_attribute(1, 4, kLink, offsetof(LinkVertex, link) + offsetof(GraphLinkRecord, ax));
  float_attribute(2, 1, kLink, offsetof(LinkVertex, link) + offsetof(GraphLinkRecord, width));
  color_attribute(3, kLink, offsetof(LinkVertex, link) + offsetof(GraphLinkRecord, color));
  float_attribute(4, 1, kLink, offsetof(LinkVertex, link) + offsetof(GraphLinkRecord, dash));

  glGenVertexArrays(1, &r.node_vao);
  glBindVertexArray(r.node_vao);
  glBindBuffer(GL_ARRAY_BUFFER, r.node_buffer);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.quad_indices);
  constexpr GLsizei kNode = sizeof(NodeVertex);
  float_attribute(0, 1, kNode, offsetof(NodeVertex, corner));
  float_attribute(1, 4, kNode, offsetof(NodeVertex, node) + offsetof(GraphNodeRecord, x));
  color_attribute(2, kNode, offsetof(NodeVertex, node) + offsetof(GraphNodeRecord, fill));
  color_attribute(3, kNode, offsetof(NodeVertex, node) + offsetof(GraphNodeRecord, outline));
  float_attribute(4, 1, kNode, offsetof(NodeVertex, node) + offsetof(GraphNodeRecord, shape));
  glBindVertexArray(0);
  r.ready = true;
  return true;
}

// Four vertices per record, each with its corner's number.
template <typename Vertex, typename Record>
void expand(const std::vector<Record>& records, std::vector<Vertex>& out) {
  out.resize(records.size() * 4);
  for (size_t i = 0; i < records.size(); ++i)
    for (int c = 0; c < 4; ++c) out[i * 4 + static_cast<size_t>(c)] = Vertex{records[i], static_cast<float>(c)};
}

// Grows the index buffer the link and node passes share (two triangles per quad) to `quads` quads.
void cover_quads(Renderer& r, size_t quads) {
  if (quads <= r.index_quads) return;
  const size_t n = std::max(quads, r.index_quads * 2);  // doubling: few regrowths
  std::vector<uint32_t> idx(n * 6);
  for (size_t q = 0; q < n; ++q) {
    const uint32_t v = static_cast<uint32_t>(q * 4);
    const uint32_t tri[6] = {v, v + 1, v + 2, v + 2, v + 1, v + 3};
    std::copy(tri, tri + 6, idx.begin() + static_cast<std::ptrdiff_t>(q * 6));
  }
  glBindVertexArray(0);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.quad_indices);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(idx.size() * sizeof(uint32_t)), idx.data(),
               GL_STATIC_DRAW);
  r.index_quads = n;
}

// Uploads the batch's records when its generation is new.
void upload(Renderer& r, const GraphBatch& batch) {
  if (r.uploaded == batch.generation) return;
  expand(batch.links, r.link_vertices);
  expand(batch.nodes, r.node_vertices);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, r.link_buffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(r.link_vertices.size() * sizeof(LinkVertex)),
               r.link_vertices.data(), GL_DYNAMIC_DRAW);
  glBindBuffer(GL_ARRAY_BUFFER, r.node_buffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(r.node_vertices.size() * sizeof(NodeVertex)),
               r.node_vertices.data(), GL_DYNAMIC_DRAW);
  r.link_count = static_cast<GLsizei>(batch.links.size());
  r.node_count = static_cast<GLsizei>(batch.nodes.size());
  cover_quads(r, std::max(batch.links.size(), batch.nodes.size()));
  r.uploaded = batch.generation;
}

// Makes the offscreen layer `w` x `h` framebuffer pixels (again when the canvas was resized).
// False when the framebuffer cannot be completed: the passes then draw straight onto the canvas.
bool size_layer(Renderer& r, GLsizei w, GLsizei h) {
  if (r.layer_fbo && r.layer_w == w && r.layer_h == h) return true;
  if (!r.layer_fbo) {
    glGenFramebuffers(1, &r.layer_fbo);
    glGenTextures(1, &r.layer_texture);
  }
  glBindTexture(GL_TEXTURE_2D, r.layer_texture);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);  // exact at texel centres
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindFramebuffer(GL_FRAMEBUFFER, r.layer_fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, r.layer_texture, 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  r.layer_w = complete ? w : 0;
  r.layer_h = complete ? h : 0;
  r.layer_generation = ~0ull;
  if (!complete) {
    glDeleteFramebuffers(1, &r.layer_fbo);
    glDeleteTextures(1, &r.layer_texture);
    r.layer_fbo = r.layer_texture = 0;
  }
  return complete;
}

// The link and node passes into the bound framebuffer. Over a layer cleared to transparent the
// same blending leaves premultiplied colour (rgb = src.rgb * src.a + dst.rgb * (1 - src.a)).
void draw_passes(Renderer& r, const float camera[4], const float view[3], float px) {
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  if (r.link_count) {
    glUseProgram(r.link_program);
    glUniform4fv(r.link_camera, 1, camera);
    glUniform3fv(r.link_view, 1, view);
    glUniform1f(r.link_px, px);
    glUniform1f(r.link_aa, r.link_count > kAntiAliasedLinks ? 0.0f : 1.0f);
    glBindVertexArray(r.link_vao);
    glDrawElements(GL_TRIANGLES, r.link_count * 6, GL_UNSIGNED_INT, nullptr);
  }
  if (r.node_count) {
    glUseProgram(r.node_program);
    glUniform4fv(r.node_camera, 1, camera);
    glUniform3fv(r.node_view, 1, view);
    glUniform1f(r.node_px, px);
    glBindVertexArray(r.node_vao);
    glDrawElements(GL_TRIANGLES, r.node_count * 6, GL_UNSIGNED_INT, nullptr);
  }
  glBindVertexArray(0);
}

void draw_batch(const ImDrawList*, const ImDrawCmd* cmd) {
  Renderer& r = g_renderer;
  const GraphBatch* batch = static_cast<const GraphBatch*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  if (!batch || !dd || !set_up(r)) return;
  upload(r, *batch);
  // The panel's clip rectangle, in framebuffer pixels (origin bottom left).
  const ImVec2 pos = dd->DisplayPos, scale = dd->FramebufferScale;
  const float fb_h = dd->DisplaySize.y * scale.y;
  const ImVec4 c = cmd->ClipRect;
  const GLint sx = static_cast<GLint>((c.x - pos.x) * scale.x), sy = static_cast<GLint>(fb_h - (c.w - pos.y) * scale.y);
  const GLsizei sw = static_cast<GLsizei>((c.z - c.x) * scale.x), sh = static_cast<GLsizei>((c.w - c.y) * scale.y);
  glEnable(GL_SCISSOR_TEST);
  glScissor(sx, sy, sw, sh);
  const float px = scale.x > 0 ? 1.0f / scale.x : 1.0f;
  const float camera[4] = {batch->centre_x - pos.x, batch->centre_y - pos.y, batch->cx, batch->cy};
  const float view[3] = {batch->scale, dd->DisplaySize.x, dd->DisplaySize.y};
  const GLsizei fw = static_cast<GLsizei>(dd->DisplaySize.x * scale.x + 0.5f);
  const GLsizei fh = static_cast<GLsizei>(fb_h + 0.5f);
  if (fw <= 0 || fh <= 0 || !size_layer(r, fw, fh)) {
    draw_passes(r, camera, view, px);
    return;
  }
  // What the layer must show; when it already does, only the copy below runs.
  const float key[12] = {camera[0],
                         camera[1],
                         camera[2],
                         camera[3],
                         view[0],
                         view[1],
                         view[2],
                         px,
                         static_cast<float>(sx),
                         static_cast<float>(sy),
                         static_cast<float>(sw),
                         static_cast<float>(sh)};
  const double now = ImGui::GetTime();
  if (!std::equal(key, key + 5, r.last_camera)) r.last_move = now;
  const bool moving = r.last_move >= 0 && now - r.last_move < kStillSeconds;
  std::copy(key, key + 5, r.last_camera);
  const bool current = r.layer_generation == batch->generation;
  const bool same_view = current && std::equal(key, key + 12, r.layer_view);
  // A large network while the view moves: the layer as drawn, moved and scaled, if only the camera
  // changed and by at most a factor of two in scale.
  const float zoom = view[0] > 0 ? r.layer_view[4] / view[0] : 0;
  const bool preview = !same_view && current && moving && r.link_count > kMovingPreviewLinks &&
                       std::equal(key + 5, key + 12, r.layer_view + 5) && zoom >= 0.5f && zoom <= 2.0f;
  float map[3] = {1, 0, 0};
  if (preview) {  // the layer's position of the point now at p: zoom * p + (c0 - zoom * c1 + (l1 - l0) * s0)
    const float* c0 = r.layer_view;
    map[0] = zoom;
    map[1] = c0[0] - zoom * camera[0] + (camera[2] - c0[2]) * c0[4];
    map[2] = c0[1] - zoom * camera[1] + (camera[3] - c0[3]) * c0[4];
  } else if (!same_view) {
    glBindFramebuffer(GL_FRAMEBUFFER, r.layer_fbo);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);  // the scissored panel only
    draw_passes(r, camera, view, px);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    r.layer_generation = batch->generation;
    std::copy(key, key + 12, r.layer_view);
  }
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glUseProgram(r.copy_program);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, r.layer_texture);
  glUniform1i(r.copy_layer, 0);
  glUniform3fv(r.copy_map, 1, map);
  const float fb[3] = {scale.x, scale.y, fb_h};
  glUniform3fv(r.copy_fb, 1, fb);
  const float clip[4] = {static_cast<float>(sx), static_cast<float>(sy), static_cast<float>(sx + sw),
                         static_cast<float>(sy + sh)};
  glUniform4fv(r.copy_clip, 1, clip);
  glBindVertexArray(r.copy_vao);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
}

}  // namespace

bool graph_gl_init() { return set_up(g_renderer); }

void add_graph_batch_draw(ImDrawList* list, const GraphBatch* batch) {
  list->AddCallback(draw_batch, const_cast<GraphBatch*>(batch));
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // the ImGui backend's state back
}

}  // namespace ae
