import os

from streamlit.testing.v1 import AppTest

os.environ["REFORMKG_GRAPH"]="data/graph.json"
at = AppTest.from_file("/work/main/app_streamlit.py", default_timeout=60)
at.run()
print("exc main", [e.value for e in at.exception])
at.switch_page("app_pages/units.py").run()
print("exc", [str(e.value)[:300] for e in at.exception])
print([d.value[:3] if hasattr(d,'value') else d for d in at.dataframe][:1] if at.dataframe else 'no df')
print(len(at.tabs), [m.value for m in at.metric])
