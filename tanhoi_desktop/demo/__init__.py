"""The bundled demo's data that is not in its workbook."""

# Tân Hội's code in the national list of administrative units (spec/province.md): with
# it, the demo's figures can be exported for the province as a commune's are.
COMMUNE_CODE = "30856"
