def test_app_boots(client):
    assert client.get("/").status_code == 200
