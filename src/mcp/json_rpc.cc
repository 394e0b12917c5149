#include "mcp/json_rpc.h"

#include <utility>

#include "util/json_parse.h"
#include "util/json_writer.h"

namespace mail_mcp {

using picojson::object;
using picojson::value;

namespace {

JsonRpcParseResult Fail(int code, std::string message, value id = value()) {
  JsonRpcParseResult r;
  r.error = JsonRpcError{code, std::move(message), std::move(id)};
  return r;
}

}  // namespace

bool IsValidJsonRpcRequestId(const value& id) { return id.is<std::string>() || id.is<int64_t>(); }

JsonRpcParseResult ParseJsonRpcMessage(std::string_view body) {
  if (JsonNestingDepth(body, kMaxJsonRpcNestingDepth) > kMaxJsonRpcNestingDepth)
    return Fail(kJsonRpcParseError,
                "Parse error: JSON nested deeper than " + std::to_string(kMaxJsonRpcNestingDepth) + " levels");
  auto parsed = ParseJson(body);
  if (!parsed.ok()) return Fail(kJsonRpcParseError, "Parse error: " + parsed.status().message());
  value root = std::move(parsed).value();

  if (root.is<picojson::array>())
    return Fail(kJsonRpcInvalidRequest, "Invalid Request: batch requests are not supported");
  if (!root.is<object>()) return Fail(kJsonRpcInvalidRequest, "Invalid Request: not a JSON object");
  object& o = root.get<object>();

  auto id_it = o.find("id");
  auto method_it = o.find("method");
  // An id we can echo back in errors about the rest of the message.
  value echo_id = (id_it != o.end() && IsValidJsonRpcRequestId(id_it->second)) ? id_it->second : value();

  auto version = o.find("jsonrpc");
  if (version == o.end() || !version->second.is<std::string>() || version->second.get<std::string>() != "2.0")
    return Fail(kJsonRpcInvalidRequest, "Invalid Request: \"jsonrpc\" must be \"2.0\"", echo_id);

  JsonRpcParseResult r;
  JsonRpcMessage& m = r.message;
  if (method_it != o.end()) {
    if (!method_it->second.is<std::string>())
      return Fail(kJsonRpcInvalidRequest, "Invalid Request: \"method\" must be a string", echo_id);
    m.method = std::move(method_it->second.get<std::string>());
    if (id_it == o.end()) {
      m.kind = JsonRpcMessage::Kind::kNotification;
    } else {
      if (!IsValidJsonRpcRequestId(id_it->second))
        return Fail(kJsonRpcInvalidRequest, "Invalid Request: \"id\" must be a string or an integer");
      m.kind = JsonRpcMessage::Kind::kRequest;
      m.id = std::move(id_it->second);
    }
    auto params = o.find("params");
    if (params != o.end()) {
      m.has_params = true;
      m.params = std::move(params->second);
    }
    return r;
  }

  bool has_result = o.count("result") > 0, has_error = o.count("error") > 0;
  if ((has_result || has_error) && id_it != o.end()) {
    m.kind = JsonRpcMessage::Kind::kResponse;
    m.id = std::move(id_it->second);
    return r;
  }
  return Fail(kJsonRpcInvalidRequest, "Invalid Request: neither a request, a notification nor a response", echo_id);
}

std::string JsonRpcResultBody(const value& id, value result) {
  object o;
  o["jsonrpc"] = value("2.0");
  o["id"] = id;
  o["result"] = std::move(result);
  return WriteJson(value(std::move(o)));
}

std::string JsonRpcResultBodyFromSerialized(const value& id, std::string_view serialized_result) {
  /// picojson writes an object's members in key order (a std::map): id, jsonrpc, result.
  std::string body = "{\"id\":" + WriteJson(id) + ",\"jsonrpc\":\"2.0\",\"result\":";
  body.reserve(body.size() + serialized_result.size() + 1);
  body.append(serialized_result.data(), serialized_result.size());
  body += '}';
  return body;
}

std::string JsonRpcErrorBody(const value& id, int code, std::string message, std::optional<value> data) {
  object error;
  error["code"] = value(static_cast<int64_t>(code));
  error["message"] = value(std::move(message));
  if (data) error["data"] = std::move(*data);
  object o;
  o["jsonrpc"] = value("2.0");
  o["id"] = id;
  o["error"] = value(std::move(error));
  return WriteJson(value(std::move(o)));
}

std::string JsonRpcErrorBody(const JsonRpcError& error) {
  return JsonRpcErrorBody(error.id, error.code, error.message);
}

}  // namespace mail_mcp
