"""Name lists for the demo district. Every person, honoree and place is invented:
the lists mix common given names and surnames from many cultures so that a
generated staff directory looks like a real, diverse district's."""

FIRST_NAMES: tuple[str, ...] = (
    "Aaliyah", "Aaron", "Abigail", "Adebayo", "Adriana", "Ahmed", "Aiko", "Aisha",
    "Alejandro", "Alexis", "Alicia", "Amara", "Amir", "Ana", "Andre", "Andrea",
    "Angela", "Anh", "Anjali", "Antonio", "Arjun", "Ashley", "Aubrey", "Ayesha",
    "Beatriz", "Benjamin", "Bianca", "Brandon", "Brianna", "Bryan", "Camila", "Carlos",
    "Carmen", "Caroline", "Catherine", "César", "Chen", "Chiara", "Chloé", "Christopher",
    "Claire", "Cristina", "Daniel", "Danielle", "Darius", "David", "Deepa", "Derek",
    "Destiny", "Diego", "Dmitri", "Elena", "Elijah", "Elizabeth", "Emeka", "Emily",
    "Emmanuel", "Erin", "Esperanza", "Ethan", "Fatima", "Felipe", "Fernando", "Fiona",
    "Gabriel", "Gabriela", "Grace", "Graham", "Hana", "Hannah", "Hassan", "Héctor",
    "Hiroshi", "Ibrahim", "Imani", "Inés", "Isaac", "Isabel", "Ivan", "Jamal",
    "Jasmine", "Javier", "Jennifer", "Jessica", "Jin", "Joaquín", "Jonathan", "Jordan",
    "José", "Joseph", "Joy", "Juan", "Julia", "Julian", "Kavya", "Keisha",
    "Kenji", "Kevin", "Khalid", "Kiara", "Kwame", "Latoya", "Laura", "Leah",
    "Leila", "Leonardo", "Li", "Liam", "Lucía", "Luis", "Madison", "Malik",
    "Manuel", "Marcus", "María", "Mariana", "Mark", "Marisol", "Matthew", "Maya",
    "Mei", "Mercedes", "Michael", "Michelle", "Miguel", "Mohammed", "Monique", "Nadia",
    "Naomi", "Natalia", "Nathan", "Nia", "Nicole", "Nikhil", "Noah", "Olga",
    "Olivia", "Omar", "Oscar", "Pablo", "Patricia", "Paul", "Pedro", "Priya",
    "Rachel", "Rafael", "Rahul", "Ramón", "Raquel", "Rashad", "Rebecca", "Renée",
    "Ricardo", "Robert", "Rosa", "Ruth", "Ryan", "Samantha", "Samir", "Samuel",
    "Sandra", "Sara", "Sean", "Sergio", "Shanice", "Sofía", "Sophia", "Stephanie",
    "Sunil", "Tamara", "Tanisha", "Tariq", "Teresa", "Thomas", "Tiffany", "Tomás",
    "Trevor", "Tuan", "Valentina", "Vanessa", "Victor", "Vivian", "Wei", "William",
    "Xavier", "Yasmin", "Yolanda", "Yusuf", "Zainab", "Zoë", "Zachary", "Ingrid",
    "Kofi", "Lena", "Mateo", "Nora", "Oluwaseun", "Pooja", "Quentin", "Rania",
    "Siobhan", "Thanh", "Ulrich", "Valeria", "Winston", "Ximena", "Yara", "Zara",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Abbott", "Acosta", "Adeyemi", "Aguilar", "Ahmed", "Alvarez", "Anderson", "Andrews",
    "Arnold", "Ávila", "Bailey", "Baker", "Banerjee", "Barnes", "Bautista", "Bell",
    "Bennett", "Bishop", "Brooks", "Bryant", "Bui", "Burke", "Cabrera", "Calderón",
    "Campbell", "Carter", "Castillo", "Castro", "Chang", "Chávez", "Chen", "Choi",
    "Clark", "Coleman", "Collins", "Contreras", "Cook", "Cooper", "Cruz", "Das",
    "Davis", "Delgado", "Díaz", "Domínguez", "Douglas", "Edwards", "Ellis", "Espinoza",
    "Estrada", "Evans", "Farah", "Fernández", "Fischer", "Flores", "Foster", "Fuentes",
    "García", "Gibson", "Gómez", "González", "Gordon", "Graham", "Green", "Guerrero",
    "Gupta", "Gutiérrez", "Hall", "Hamilton", "Harris", "Hassan", "Hayes", "Henderson",
    "Hernández", "Herrera", "Hill", "Ho", "Holmes", "Hughes", "Ibarra", "Ito",
    "Jackson", "James", "Jenkins", "Jiménez", "Johnson", "Jones", "Joshi", "Kang",
    "Kaur", "Kelly", "Khan", "Kim", "King", "Kowalski", "Kumar", "Lam",
    "Le", "Lee", "Lewis", "Li", "Lin", "Liu", "Long", "López",
    "Luna", "Malik", "Martin", "Martínez", "Méndez", "Mendoza", "Meyer", "Miller",
    "Mitchell", "Molina", "Moore", "Morales", "Moreno", "Morris", "Murphy", "Murray",
    "Nakamura", "Navarro", "Nelson", "Nguyen", "Novak", "Núñez", "O'Brien", "Obi",
    "Okafor", "Okonkwo", "Olsen", "Ortega", "Ortiz", "Owens", "Park", "Parker",
    "Patel", "Peña", "Pérez", "Perry", "Petrov", "Phillips", "Pham", "Powell",
    "Price", "Quinn", "Ramírez", "Ramos", "Rao", "Reed", "Reyes", "Reyes-Ortiz",
    "Reynolds", "Richardson", "Ríos", "Rivera", "Roberts", "Robinson", "Rodríguez", "Rojas",
    "Romero", "Ross", "Russell", "Salazar", "Sánchez", "Sanders", "Santos", "Schmidt",
    "Scott", "Shah", "Silva", "Simmons", "Singh", "Smith", "Soto", "Stewart",
    "Sullivan", "Suzuki", "Tanaka", "Taylor", "Thomas", "Thompson", "Torres", "Tran",
    "Turner", "Vargas", "Vásquez", "Vega", "Walker", "Wallace", "Wang", "Ward",
    "Washington", "Watson", "White", "Williams", "Wilson", "Wong", "Wright", "Wu",
    "Yamamoto", "Yang", "Young", "Zhang", "Zhou", "Zimmerman", "Abara", "Begay",
    "Castellanos", "Dlamini", "Eriksen", "Fitzgerald", "Hill-Watson", "Iyer", "Jovanović",
    "Kealoha",
    "Lindqvist", "Mwangi", "Nakashima", "O'Connor", "Petrosyan", "Quiñones", "Rosenberg", "Sato",
    "Tsosie", "Ulloa", "Villanueva", "Whitfield", "Yilmaz", "Zapata", "Achterberg", "Bergstrom",
)  # fmt: skip

# Campus names: trees and landforms combine into "Cedar Ridge", "Willow Creek"…
TREES: tuple[str, ...] = (
    "Alder", "Ash", "Aspen", "Birch", "Buckeye", "Catalpa", "Cedar", "Chestnut",
    "Cottonwood", "Cypress", "Dogwood", "Elm", "Hawthorn", "Hickory", "Juniper", "Laurel",
    "Linden", "Magnolia", "Maple", "Mesquite", "Oak", "Pecan", "Pine", "Poplar",
    "Redwood", "Sequoia", "Spruce", "Sycamore", "Walnut", "Willow",
)  # fmt: skip

LANDFORMS: tuple[str, ...] = (
    "Bluff", "Brook", "Canyon", "Creek", "Crossing", "Glen", "Grove", "Heights",
    "Hills", "Hollow", "Lake", "Meadows", "Park", "Point", "Prairie", "Ridge",
    "Springs", "Trail", "Valley", "Vista",
)  # fmt: skip

# …and stand-alone neighbourhood names: "Riverside", "North Valley".
PLACES: tuple[str, ...] = (
    "Bayside", "Brookhaven", "Clearwater", "Eastwood", "Fairview", "Greenfield", "Highland",
    "Hillcrest", "Lakeview", "Meadowbrook", "Mountain View", "North Valley", "Northfield",
    "Parkview", "Prairie View", "Red Rock", "Riverside", "Silver Lake", "South Mesa",
    "Southgate", "Stonegate", "Sunnyside", "West Hills", "Westbrook", "Windsor Heights",
)  # fmt: skip

STREET_SUFFIXES: tuple[str, ...] = (
    "Avenue", "Boulevard", "Drive", "Lane", "Parkway", "Road", "Street", "Way",
)  # fmt: skip
