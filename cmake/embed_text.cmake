# Writes INPUT's text into OUTPUT as `snag::k_default_config_yaml`.
file(READ ${INPUT} content)
set(delimiter "snag_embedded")
file(WRITE ${OUTPUT} "// Generated from ${INPUT} by cmake/embed_text.cmake.\n"
                     "#include <string_view>\nnamespace snag {\n"
                     "extern const std::string_view k_default_config_yaml;\n"
                     "const std::string_view k_default_config_yaml = R\"${delimiter}(${content})${delimiter}\";\n"
                     "}\n")
