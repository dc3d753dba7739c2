-- wrk script: POST a typical 30-ingredient label to /api/analyze.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"text": "Water, Butylene Glycol, Glycerin, Niacinamide, Propanediol, Pentylene Glycol, Sodium Hyaluronate, Panthenol, Allantoin, Centella Asiatica Extract, Camellia Sinensis Leaf Extract, Glycyrrhiza Glabra Root Extract, Madecassoside, Ceramide NP, Cholesterol, Caprylic/Capric Triglyceride, Squalane, Cetearyl Alcohol, Glyceryl Stearate, Carbomer, Arginine, Xanthan Gum, Tocopherol, Adenosine, Ethylhexylglycerin, 1,2-Hexanediol, Disodium EDTA, Phenoxyethanol, Citric Acid, Sodium Citrate", "name": "Barrier Cream"}]]
